package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Help text is wrapped by picocli to the terminal: a description line may end only where a sentence or a list item
 * ends, never mid-sentence because of a literal line break in the source (issue 18: demo, fly, experiment, train
 * bc-stacked wrapped mid-sentence).
 */
class CliHelpTextTest {
    private static void collect(CommandLine c, List<CommandLine> all) {
        all.add(c);
        c.getSubcommands().values().stream().filter(s -> !s.getCommandName().equals("help"))
                .forEach(s -> collect(s, all));
    }

    @Test
    void noDescriptionBreaksALineMidSentence() {
        List<CommandLine> all = new ArrayList<>();
        collect(SpikepilotCli.bare(), all);
        List<String> broken = new ArrayList<>();
        for (CommandLine c : all) {
            String[] lines = c.getCommandSpec().usageMessage().description();
            for (int i = 0; i + 1 < lines.length; i++) {
                String line = lines[i].strip();
                boolean listItem = lines[i].startsWith(" ");
                if (!line.isEmpty() && !listItem && !lines[i + 1].isEmpty() && !line.matches(".*[.:;!?)]$")) {
                    broken.add(c.getCommandSpec().qualifiedName() + ": '" + line + "' / '" + lines[i + 1] + "'");
                }
            }
        }
        assertTrue(broken.isEmpty(), "lines broken mid-sentence:\n" + String.join("\n", broken));
    }
}
