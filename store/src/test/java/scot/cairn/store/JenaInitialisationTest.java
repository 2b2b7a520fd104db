package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A store opened as the very first Jena use in a fresh JVM works: the store initialises Jena
 * itself before TDB2's static set-up runs, whatever class a program touches first.
 */
class JenaInitialisationTest {

    /** Run in a fresh JVM by {@link #aStoreIsTheFirstJenaUseOfAFreshJvm}. */
    public static void main(String[] args) {
        try (TripleStore store = TripleStore.inMemory()) {
            System.out.println("quads=" + store.size());
        }
    }

    @Test
    void aStoreIsTheFirstJenaUseOfAFreshJvm() throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), JenaInitialisationTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("quads=0");
        assertThat(p.exitValue()).as(out).isZero();
    }
}
