package io.tlsweep.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manifests under deploy/kubernetes, read into fabric8's typed Kubernetes model (no field the model does
 * not know), and the container script each pod runs, run by a real {@code sh} with a stand-in
 * {@code tlsweep} that records its arguments: the shard count agrees everywhere, the shard index and the
 * run name come from Kubernetes, the merge follows a successful scan, the paths land on the volumes that the
 * storage file defines, and the nightly CronJob runs the same Job.
 */
class KubernetesManifestsTest {
    /** Surefire runs in the module directory; the manifests are at the repository root. */
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    private static final Path CONTAINERFILE = DEPLOY.resolve("container").resolve("Containerfile");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final List<String> JOB_NAME_FIELDS = List.of("metadata.labels['batch.kubernetes.io/job-name']",
            "metadata.labels['job-name']");

    @Test
    void theStorageFileDefinesTheTargetsConfigMapAndASharedClaim() throws IOException {
        ConfigMap targets = only(KUBERNETES.resolve("tlsweep-storage.yaml"), ConfigMap.class);
        assertThat(targets.getData()).containsKey("targets.txt");
        PersistentVolumeClaim data = only(KUBERNETES.resolve("tlsweep-storage.yaml"), PersistentVolumeClaim.class);
        assertThat(data.getSpec().getAccessModes()).as("every shard writes to it at once").contains("ReadWriteMany");
        assertThat(data.getSpec().getResources().getRequests()).containsKey("storage");
    }

    @Test
    void theIndexedJobScansEveryShardAndTheLastOneMerges(@TempDir Path dir) throws Exception {
        Job job = only(KUBERNETES.resolve("tlsweep-indexed-job.yaml"), Job.class);
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        checkSweep(job.getSpec(), dir);
    }

    @Test
    void theCronJobRunsTheSameJobNightlyOneAtATime(@TempDir Path dir) throws Exception {
        CronJob cron = only(KUBERNETES.resolve("tlsweep-cronjob.yaml"), CronJob.class);
        assertThat(cron.getApiVersion()).isEqualTo("batch/v1");
        assertThat(cron.getSpec().getSchedule().trim().split("\\s+")).hasSize(5);
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        assertThat(cron.getSpec().getSuccessfulJobsHistoryLimit()).isBetween(1, 10);
        assertThat(cron.getSpec().getFailedJobsHistoryLimit()).isBetween(1, 10);

        JobSpec nightly = cron.getSpec().getJobTemplate().getSpec();
        checkSweep(nightly, dir);
        JobSpec once = only(KUBERNETES.resolve("tlsweep-indexed-job.yaml"), Job.class).getSpec();
        assertThat(nightly.getCompletionMode()).isEqualTo(once.getCompletionMode());
        assertThat(nightly.getCompletions()).isEqualTo(once.getCompletions());
        assertThat(nightly.getParallelism()).isEqualTo(once.getParallelism());
        assertThat(nightly.getBackoffLimitPerIndex()).isEqualTo(once.getBackoffLimitPerIndex());
        assertThat(nightly.getPodFailurePolicy()).isEqualTo(once.getPodFailurePolicy());
        assertThat(nightly.getActiveDeadlineSeconds()).isEqualTo(once.getActiveDeadlineSeconds());
        assertThat(nightly.getTemplate()).as("the pod template, script, volumes and all")
                .isEqualTo(once.getTemplate());
    }

    @Test
    void aFailedScanStopsBeforeTheMergeWithItsExitCode(@TempDir Path dir) throws Exception {
        JobSpec spec = only(KUBERNETES.resolve("tlsweep-indexed-job.yaml"), Job.class).getSpec();
        Run run = runScript(container(spec), dir, 1, 2);
        assertThat(run.exit()).as("exit 2 reaches Kubernetes, whose pod failure policy fails the index")
                .isEqualTo(2);
        assertThat(run.calls()).singleElement().satisfies(call -> assertThat(call.get(0)).isEqualTo("scan"));
        assertThat(spec.getPodFailurePolicy().getRules()).anySatisfy(rule -> {
            assertThat(rule.getAction()).isEqualTo("FailIndex");
            assertThat(rule.getOnExitCodes().getContainerName()).isEqualTo(container(spec).getName());
            assertThat(rule.getOnExitCodes().getOperator()).isEqualTo("In");
            assertThat(rule.getOnExitCodes().getValues()).contains(2);
        });
    }

    @Test
    void theImageRunsTheJarAsTheUserTheManifestsExpect() throws IOException {
        String containerfile = Files.readString(CONTAINERFILE);
        assertThat(containerfile).containsPattern("(?m)^FROM \\S*eclipse-temurin:17-jre\\S*\\s*$")
                .contains("COPY scanner-cli/target/tlsweep.jar /opt/tlsweep/tlsweep.jar")
                .contains("COPY deploy/container/tlsweep /usr/local/bin/tlsweep")
                .containsPattern("(?m)^VOLUME /data\\s*$")
                .containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"-jar\", \"/opt/tlsweep/tlsweep.jar\"\\]\\s*$");
        Matcher user = Pattern.compile("(?m)^USER (\\d+):(\\d+)\\s*$").matcher(containerfile);
        assertThat(user.find()).as("a numeric USER, so that runAsNonRoot can be checked").isTrue();
        long uid = Long.parseLong(user.group(1));
        assertThat(uid).isPositive();

        Path wrapper = DEPLOY.resolve("container").resolve("tlsweep");
        assertThat(Files.readString(wrapper)).contains("-jar /opt/tlsweep/tlsweep.jar \"$@\"");
        assertThat(Files.isExecutable(wrapper)).isTrue();
        assertThat(Files.readAllLines(DEPLOY.resolve("container").resolve("Containerfile.dockerignore")))
                .contains("!scanner-cli/target/tlsweep.jar", "!deploy/container/tlsweep");

        for (PodSpec pod : List.of(
                only(KUBERNETES.resolve("tlsweep-indexed-job.yaml"), Job.class).getSpec().getTemplate().getSpec(),
                only(KUBERNETES.resolve("tlsweep-cronjob.yaml"), CronJob.class).getSpec().getJobTemplate()
                        .getSpec().getTemplate().getSpec())) {
            assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(uid);
            assertThat(pod.getSecurityContext().getRunAsGroup()).isEqualTo(Long.parseLong(user.group(2)));
        }
    }

    @Test
    void aMisspeltFieldIsCaught() throws IOException {
        Job job = YAML.readValue("""
                apiVersion: batch/v1
                kind: Job
                spec:
                  completionmode: Indexed
                """, Job.class);
        try {
            assertNoUnknownFields(job, "job");
        } catch (AssertionError e) {
            assertThat(e).hasMessageContaining("completionmode");
            return;
        }
        fail("a misspelt field was not caught");
    }

    /** What every sweep Job must hold, checked on the Job and on the CronJob's template. */
    private static void checkSweep(JobSpec spec, Path dir) throws Exception {
        assertThat(spec.getCompletionMode()).isEqualTo("Indexed");
        int shards = spec.getCompletions();
        assertThat(shards).isGreaterThan(1);
        assertThat(spec.getParallelism()).as("all shards at once").isEqualTo(shards);

        PodSpec pod = spec.getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isIn("Never", "OnFailure");
        if (spec.getBackoffLimitPerIndex() != null || spec.getPodFailurePolicy() != null) {
            assertThat(pod.getRestartPolicy()).as("per-index retries and failure policies need it").isEqualTo("Never");
        }
        Container c = container(spec);
        assertThat(c.getCommand()).containsExactly("sh", "-c");
        assertThat(c.getArgs()).hasSize(1);

        // Kubernetes sets JOB_COMPLETION_INDEX in Indexed Jobs: the manifest must not fix it
        assertThat(c.getEnv()).noneSatisfy(e -> assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX"));
        EnvVar runId = c.getEnv().stream().filter(e -> e.getName().equals("RUN_ID")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN_ID"));
        assertThat(runId.getValue()).isNull();
        assertThat(runId.getValueFrom().getFieldRef().getFieldPath()).as("RUN_ID: the Job's name, from the pod label")
                .isIn(JOB_NAME_FIELDS);
        assertThat(c.getArgs().get(0)).contains("$JOB_COMPLETION_INDEX").contains("$RUN_ID");

        // the script, as sh runs it in shard 1 of a run
        Run run = runScript(c, dir, 1, 0);
        assertThat(run.exit()).isZero();
        assertThat(run.calls()).hasSize(2);
        List<String> scan = run.calls().get(0);
        List<String> merge = run.calls().get(1);
        assertThat(scan.get(0)).isEqualTo("scan");
        assertThat(merge.get(0)).as("the merge follows the scan").isEqualTo("merge");

        assertThat(option(scan, "--shards")).as("--shards N, the index from JOB_COMPLETION_INDEX")
                .contains(String.valueOf(shards));
        assertThat(scan).noneMatch(a -> a.equals("--shard") || a.startsWith("--shard="));
        assertThat(scan).as("a retried pod finishes its shard: its directory holds the failed pod's results")
                .contains("--resume");
        String shardDir = option(scan, "-o").orElseThrow();
        assertThat(shardDir).isEqualTo("/data/runs/" + run.runId() + "/shard-1");
        String targets = option(scan, "-iL").orElseThrow();

        assertThat(option(merge, "--expect")).contains(String.valueOf(shards));
        String merged = option(merge, "-o").orElseThrow();
        assertThat(merged).isEqualTo("/data/runs/" + run.runId() + "/merged");
        List<String> inputs = merge.subList(merge.indexOf(merged) + 1, merge.size());
        assertThat(inputs).as("the shard directories of this run, as a glob").singleElement()
                .satisfies(glob -> {
                    for (int i = 0; i < shards; i++) {
                        assertThat(FileSystems.getDefault().getPathMatcher("glob:" + glob)
                                .matches(Path.of("/data/runs/" + run.runId() + "/shard-" + i))).as(glob).isTrue();
                    }
                    assertThat(FileSystems.getDefault().getPathMatcher("glob:" + glob)
                            .matches(Path.of("/data/runs/other-run/shard-1"))).isFalse();
                });

        // the paths land on the volumes of the storage file
        ConfigMap configMap = only(KUBERNETES.resolve("tlsweep-storage.yaml"), ConfigMap.class);
        PersistentVolumeClaim claim = only(KUBERNETES.resolve("tlsweep-storage.yaml"), PersistentVolumeClaim.class);
        VolumeMount config = mountOf(c, targets);
        Volume configVolume = volume(pod, config.getName());
        assertThat(configVolume.getConfigMap().getName()).isEqualTo(configMap.getMetadata().getName());
        assertThat(configVolume.getConfigMap().getItems()).isNullOrEmpty();
        assertThat(configMap.getData()).containsKey(Path.of(config.getMountPath()).relativize(Path.of(targets))
                .toString());
        for (String written : List.of(shardDir, merged)) {
            VolumeMount data = mountOf(c, written);
            assertThat(data.getReadOnly()).isNotEqualTo(Boolean.TRUE);
            assertThat(volume(pod, data.getName()).getPersistentVolumeClaim().getClaimName())
                    .isEqualTo(claim.getMetadata().getName());
        }

        // non-root, read-only root file system with a writable /tmp for the JVM, bounded resources
        Long uid = c.getSecurityContext() != null && c.getSecurityContext().getRunAsUser() != null
                ? c.getSecurityContext().getRunAsUser() : pod.getSecurityContext().getRunAsUser();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(uid).isNotNull().isPositive();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        VolumeMount tmp = mountOf(c, "/tmp/x");
        assertThat(tmp.getMountPath()).isEqualTo("/tmp");
        assertThat(volume(pod, tmp.getName()).getEmptyDir()).isNotNull();
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKey("memory");
    }

    /** The sweep's only container. */
    private static Container container(JobSpec spec) {
        assertThat(spec.getTemplate().getSpec().getContainers()).hasSize(1);
        return spec.getTemplate().getSpec().getContainers().get(0);
    }

    /** The value after {@code name} in an argument list. */
    private static Optional<String> option(List<String> args, String name) {
        int i = args.indexOf(name);
        return i < 0 || i + 1 >= args.size() ? Optional.empty() : Optional.of(args.get(i + 1));
    }

    /** The mount whose path holds {@code file}, the deepest if several do. */
    private static VolumeMount mountOf(Container c, String file) {
        return c.getVolumeMounts().stream().filter(m -> Path.of(file).startsWith(Path.of(m.getMountPath())))
                .max((a, b) -> Integer.compare(a.getMountPath().length(), b.getMountPath().length()))
                .orElseThrow(() -> new AssertionError(file + " is on no volume of " + c.getVolumeMounts()));
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    /** What sh did with the container's script: each tlsweep call's arguments, and the exit code. */
    private record Run(String runId, int exit, List<List<String>> calls) {
    }

    /**
     * Runs the container's {@code sh -c} script with a stand-in {@code tlsweep} first on the PATH, as the pod
     * of shard {@code index} of a run with a fresh name. The run directory does not exist, so the shard glob
     * stays as written and nothing is written under /data.
     */
    private static Run runScript(Container c, Path dir, int index, int scanExit)
            throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("calls.log");
        Files.deleteIfExists(log);
        Path stub = bin.resolve("tlsweep");
        Files.writeString(stub, """
                #!/bin/sh
                { printf 'tlsweep'; for a in "$@"; do printf '\\t%s' "$a"; done; printf '\\n'; } >> "$STUB_LOG"
                if [ "$1" = scan ]; then exit "$STUB_SCAN_EXIT"; fi
                exit 0
                """);
        Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));

        String runId = "manifest-test-" + UUID.randomUUID();
        List<String> command = new ArrayList<>(c.getCommand());
        command.addAll(c.getArgs());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sh.out").toFile());
        Map<String, String> env = pb.environment();
        env.put("PATH", bin + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("RUN_ID", runId);
        env.put("JOB_COMPLETION_INDEX", String.valueOf(index));
        env.put("STUB_LOG", log.toString());
        env.put("STUB_SCAN_EXIT", String.valueOf(scanExit));
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the container script did not finish: " + Files.readString(dir.resolve("sh.out")));
        }
        List<List<String>> calls = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                List<String> args = List.of(line.split("\t", -1));
                assertThat(args.get(0)).isEqualTo("tlsweep");
                calls.add(args.subList(1, args.size()));
            }
        }
        return new Run(runId, p.exitValue(), calls);
    }

    /** The one document of {@code file} of the given type, read into the typed model. */
    private static <T> T only(Path file, Class<T> type) throws IOException {
        List<T> found = new ArrayList<>();
        for (JsonNode doc : documents(file)) {
            if (doc.path("kind").asText().equals(type.getSimpleName())) {
                T value = YAML.treeToValue(doc, type);
                assertNoUnknownFields(value, file + ": " + type.getSimpleName());
                found.add(value);
            }
        }
        assertThat(found).as(file + ": one " + type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        }
        assertThat(docs).as(file.toString()).isNotEmpty();
        return docs;
    }

    /**
     * Fails on any field the model does not know: fabric8 keeps those in additionalProperties instead of
     * refusing them, so a misspelt field would otherwise pass (and be dropped by the API server).
     */
    private static void assertNoUnknownFields(Object value, String path) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                assertNoUnknownFields(item, path + "[" + i++ + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> assertNoUnknownFields(v, path + "." + k));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model.")) {
            return;
        }
        for (Method m : value.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || !m.getName().startsWith("get")
                    || m.getDeclaringClass() == Object.class || m.getName().equals("getNumericalAmount")) {
                continue;
            }
            Object child;
            try {
                child = m.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(path + "." + m.getName(), e);
            }
            if (m.getName().equals("getAdditionalProperties")) {
                assertThat((Map<?, ?>) child).as(path + ": fields the Kubernetes model does not know").isNullOrEmpty();
            } else {
                assertNoUnknownFields(child, path + "." + property(m.getName()));
            }
        }
    }

    private static String property(String getter) {
        return Character.toLowerCase(getter.charAt(3)) + getter.substring(4);
    }
}
