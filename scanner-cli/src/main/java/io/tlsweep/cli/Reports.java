package io.tlsweep.cli;

import io.tlsweep.report.JsonLinesReader;
import io.tlsweep.report.ResultJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Rebuilds what the user sees from a results.jsonl: every view comes from the JSON lines. */
final class Reports {
    private Reports() {
    }

    static void printTable(Path outputDir, PrintWriter out) throws IOException {
        List<ResultJson> results = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(outputDir.resolve(ScanRun.RESULTS))) {
            JsonLinesReader.read(in, ScanRun.RESULTS, results::add, out::println);
        }
        new ResultTable(out).print(results);
    }
}
