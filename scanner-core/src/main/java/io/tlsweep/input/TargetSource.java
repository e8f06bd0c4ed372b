package io.tlsweep.input;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The targets of all inputs, in order, streamed: command-line arguments, files and stdin are read a line
 * at a time when the consumer asks for the next target, CIDR ranges are expanded one address at a time,
 * and a file is opened when reached and closed when exhausted. Memory does not grow with the input.
 *
 * <p>Bad lines and unreadable inputs never stop the sweep: each becomes an {@link InputError} handed to
 * the error consumer, synchronously and in input order (an error is reported before any target of a
 * later line), and reading goes on with the next line or input. Errors are reported in every shard.
 *
 * <pre>{@code
 * try (TargetSource targets = TargetSource.builder(List.of(443))
 *         .arguments(List.of("example.com", "192.0.2.0/30:8443"))
 *         .file(Path.of("targets.txt"))
 *         .stdin(System.in)
 *         .shard(new Shard(2, 8))
 *         .onError(error -> log.println(error))
 *         .build()) {
 *     targets.forEachRemaining(engine::submit);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one consumer pulls (a single feeder thread in front of the engine's queue).
 * Duplicates are handed out as they come; {@link DistinctTargets} drops them.
 */
public final class TargetSource implements Iterator<Target>, AutoCloseable {
    private final Deque<LineInput> inputs;
    private final List<Integer> defaultPorts;
    private final StartTls startTls;
    private final Shard shard;
    private final Consumer<InputError> errors;
    private Iterator<Target> lineTargets = Collections.emptyIterator();
    private Target next;

    private TargetSource(Builder builder) {
        this.inputs = new ArrayDeque<>(builder.inputs);
        this.defaultPorts = builder.defaultPorts;
        this.startTls = builder.startTls;
        this.shard = builder.shard;
        this.errors = builder.errors;
    }

    /** @param defaultPorts ports for targets without one, in order (from {@code -p 443,8443}) */
    public static Builder builder(List<Integer> defaultPorts) {
        return new Builder(defaultPorts);
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            next = advance();
        }
        return next != null;
    }

    @Override
    public Target next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Target target = next;
        next = null;
        return target;
    }

    /** The remaining targets as a sequential stream; closing the stream closes this source. */
    public Stream<Target> stream() {
        Spliterator<Target> spliterator = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(spliterator, false).onClose(this::close);
    }

    /** Stops early: closes the open file, if any; later inputs are not opened. */
    @Override
    public void close() {
        lineTargets = Collections.emptyIterator();
        next = null;
        while (!inputs.isEmpty()) {
            inputs.poll().close();
        }
    }

    private Target advance() {
        while (true) {
            while (lineTargets.hasNext()) {
                Target target = lineTargets.next();
                if (shard.contains(target)) {
                    return target;
                }
            }
            LineInput.Line line = nextLine();
            if (line == null) {
                return null;
            }
            ParsedLine parsed = TargetLine.parse(line.text(), line.origin(), defaultPorts, startTls);
            if (parsed instanceof ParsedLine.Targets targets) {
                lineTargets = targets.iterator();
            } else if (parsed instanceof ParsedLine.Failed failed) {
                errors.accept(failed.error());
            }
        }
    }

    private LineInput.Line nextLine() {
        while (!inputs.isEmpty()) {
            LineInput.Line line = inputs.peek().next(errors);
            if (line != null) {
                return line;
            }
            inputs.poll();
        }
        return null;
    }

    /** Collects the inputs in the order they are read. */
    public static final class Builder {
        private final List<Integer> defaultPorts;
        private final List<LineInput> inputs = new ArrayList<>();
        private int argumentCount;
        private StartTls startTls = StartTls.DIRECT;
        private Shard shard = Shard.ALL;
        private Consumer<InputError> errors = error -> { };

        private Builder(List<Integer> defaultPorts) {
            this.defaultPorts = TargetLine.checkedPorts(defaultPorts);
        }

        /**
         * Command-line target arguments, one target each; they are numbered from 1 across all calls
         * ({@code argument 3} is the third target argument given to this builder).
         */
        public Builder arguments(List<String> arguments) {
            inputs.add(new LineInput.ArgumentList(arguments, argumentCount + 1));
            argumentCount += arguments.size();
            return this;
        }

        /** A target file, named in origins as given ({@code targets.txt:12}). */
        public Builder file(Path path) {
            inputs.add(LineInput.TextStream.file(Objects.requireNonNull(path, "path")));
            return this;
        }

        /** Standard input (the {@code -} file), origins {@code -:12}; read but not closed. */
        public Builder stdin(InputStream in) {
            inputs.add(LineInput.TextStream.borrowed("-", Objects.requireNonNull(in, "in")));
            return this;
        }

        Builder input(LineInput input) {
            inputs.add(Objects.requireNonNull(input, "input"));
            return this;
        }

        /**
         * What is spoken before TLS: the protocols a line may name with {@code starttls=}, and what a line without
         * it gets; by default none is known and TLS starts with the first byte.
         */
        public Builder startTls(StartTls rule) {
            this.startTls = Objects.requireNonNull(rule, "rule");
            return this;
        }

        /** Keep only one shard of the targets; the default keeps all. */
        public Builder shard(Shard shard) {
            this.shard = Objects.requireNonNull(shard, "shard");
            return this;
        }

        /** Where input errors go; by default they are dropped. */
        public Builder onError(Consumer<InputError> errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        public TargetSource build() {
            return new TargetSource(this);
        }
    }
}
