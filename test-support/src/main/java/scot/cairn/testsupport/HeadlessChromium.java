package scot.cairn.testsupport;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Debian's Chromium and chromedriver at fixed paths (so Selenium Manager never looks for or
 * downloads a browser) and the command-line flags the browser tests and the browser benchmark
 * start it with: headless, no sandbox, no background traffic, a fixed window and a profile of
 * their own.
 */
public final class HeadlessChromium {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** The flags for a browser using {@code profile} as its user-data folder, then {@code extra}. */
    public static List<String> arguments(Path profile, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1200,1000",
                "--user-data-dir=" + profile));
        args.addAll(List.of(extra));
        return List.copyOf(args);
    }
}
