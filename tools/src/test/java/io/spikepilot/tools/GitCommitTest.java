package io.spikepilot.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GitCommitTest {
    private static final String SHA = "e50238d0737c5f4844d504cb49103a81c011dcd4";

    private static InputStream props(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCleanBuildNamesItsCommit() {
        assertEquals(SHA, GitCommit.fromBuild(props("version=1\ncommit=" + SHA + "\ndirty=false\n")));
    }

    @Test
    void aBuildFromUncommittedChangesSaysSo() {
        assertEquals(SHA + "-dirty", GitCommit.fromBuild(props("commit=" + SHA + "\ndirty=true\n")));
    }

    @Test
    void unfilledPlaceholdersOrAMissingRecordFallBackToTheWorkingDirectory() {
        assertNull(GitCommit.fromBuild(props("commit=${git.commit.id}\ndirty=${git.dirty}\n")));
        assertNull(GitCommit.fromBuild(props("version=1\n")));
        assertNull(GitCommit.fromBuild(props("commit=not-a-sha\n")));
        assertNull(GitCommit.fromBuild(null));
    }

    /** The build records the checkout's HEAD, so a jar copied out of the checkout still names it. */
    @Test
    void thisBuildRecordsTheHeadOfItsCheckout() throws Exception {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").redirectErrorStream(true).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(git.waitFor(10, TimeUnit.SECONDS) && git.exitValue() == 0, "git rev-parse HEAD: " + head);
        // read the build's record itself: current() would fall back to asking git and pass without it
        String recorded = GitCommit.fromBuild(GitCommit.class.getResourceAsStream("version.properties"));
        assertTrue(recorded != null, "version.properties holds no commit: the git-commit-id plugin did not run");
        assertTrue(recorded.equals(head) || recorded.equals(head + "-dirty"),
                "recorded " + recorded + ", checkout at " + head);
    }
}
