package scot.cairn.server.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import scot.cairn.server.Cairn;

/**
 * Writes the two generated references, docs/configuration.md (from the Spring configuration
 * metadata every module's build writes with spring-boot-configuration-processor) and docs/cli.md
 * (from picocli's usage help of every command), so that neither is kept by hand and neither drifts.
 * {@link ReferenceDocsTest} compares them with the committed files.
 */
final class ReferenceDocs {
    /** The one command that rewrites both files; the test's failure message names it. */
    static final String REGENERATE = "mvn -B -ntp -q -pl server -am verify -Dtest=ReferenceDocsTest -Dit.test=NONE"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Dcairn.regenerate-docs=true";

    private static final int WIDTH = 100;

    private ReferenceDocs() {}

    /** docs/configuration.md: every {@code cairn.*} setting, its type, default and description. */
    static String configuration() {
        Map<String, JsonNode> properties = new TreeMap<>();
        for (JsonNode metadata : metadataFiles()) {
            for (JsonNode p : metadata.path("properties")) {
                String name = p.path("name").asText();
                if (name.startsWith("cairn.")) {
                    properties.putIfAbsent(name, p);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("Every `cairn.*` setting of the server, generated from the Spring configuration metadata of the\n");
        md.append(
                "modules (`@ConfigurationProperties` records and `additional-spring-configuration-metadata.json`).\n");
        md.append("Do not edit by hand: regenerate with\n\n```\n")
                .append(REGENERATE)
                .append("\n```\n\n");
        md.append("Settings are given as Spring Boot reads them: in `application.properties`, as `--name=value`\n");
        md.append("after `serve`, or as environment variables (`CAIRN_SPARQL_TIMEOUT` for `cairn.sparql.timeout`).\n");
        md.append("What they mean in operation is in [operations.md](operations.md).\n");
        String section = null;
        for (JsonNode p : properties.values()) {
            String name = p.path("name").asText();
            String group =
                    name.split("\\.").length > 2 ? name.substring(0, name.indexOf('.', "cairn.".length())) : "cairn";
            if (!group.equals(section)) {
                section = group;
                md.append("\n## `")
                        .append(group.equals("cairn") ? "cairn.*" : group + ".*")
                        .append("`\n\n");
                md.append("| setting | type | default | description |\n|---|---|---|---|\n");
            }
            md.append("| `")
                    .append(name)
                    .append("` | ")
                    .append(cell(shortType(p.path("type").asText())))
                    .append(" | ")
                    .append(defaultValue(p.get("defaultValue")))
                    .append(" | ")
                    .append(cell(p.path("description").asText()))
                    .append(" |\n");
        }
        return md.toString();
    }

    /** docs/cli.md: the usage help of {@code cairn} and of every command below it, as {@code --help} prints it. */
    static String cli() {
        CommandLine root = Cairn.commandLine();
        root.setUsageHelpWidth(WIDTH);
        StringBuilder md = new StringBuilder();
        md.append("# Command-line reference\n\n");
        md.append("The usage help of every command of the executable jar (`java -jar cairn.jar <command> --help`),\n");
        md.append("generated from the picocli commands. Do not edit by hand: regenerate with\n\n```\n")
                .append(REGENERATE)
                .append("\n```\n");
        append(root, md);
        return md.toString();
    }

    private static void append(CommandLine command, StringBuilder md) {
        md.append("\n## ").append(command.getCommandSpec().qualifiedName(" ")).append("\n\n```\n");
        md.append(command.getUsageMessage(Ansi.OFF).stripTrailing()).append("\n```\n");
        for (CommandLine sub :
                command.getSubcommands().values().stream().distinct().toList()) {
            append(sub, md);
        }
    }

    private static List<JsonNode> metadataFiles() {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> files = new ArrayList<>();
        try {
            for (URL url : Collections.list(
                    ReferenceDocs.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    files.add(json.readTree(in));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static String defaultValue(JsonNode value) {
        if (value == null) {
            return "";
        }
        String text = value.asText();
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            text = String.join(",", items);
        }
        return text.isEmpty() ? "(empty)" : "`" + text + "`";
    }

    /** {@code java.util.List<java.lang.String>} becomes {@code List<String>}. */
    private static String shortType(String type) {
        return type.replaceAll("\\b[a-z][\\w]*\\.(?=[\\w.]*[A-Z])", "").replace('$', '.');
    }

    private static String cell(String text) {
        // the processor copies Javadoc as written: {@code x} becomes Markdown's `x`
        return text.replaceAll("\\{@code ([^}]*)}", "`$1`")
                .replaceAll("\\{@link ([^}]*)}", "`$1`")
                .replace("\n", " ")
                .replaceAll("\\s+", " ")
                .replace("|", "\\|")
                .trim();
    }
}
