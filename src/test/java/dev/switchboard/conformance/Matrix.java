package dev.switchboard.conformance;

import static dev.switchboard.conformance.Declaration.lossy;
import static dev.switchboard.conformance.Declaration.refused;
import static dev.switchboard.conformance.Loss.CACHE_WRITES_NOT_TOLD_APART;
import static dev.switchboard.conformance.Loss.CALL_SIGNATURE_PLACEHOLDER;
import static dev.switchboard.conformance.Loss.JSON_MODE_BY_INSTRUCTION;
import static dev.switchboard.conformance.Loss.MATCHED_SEQUENCE_UNKNOWN;
import static dev.switchboard.conformance.Loss.OFF_LEFT_TO_MODEL;
import static dev.switchboard.conformance.Loss.PROVIDER_HEADERS_NOT_RELAYED;
import static dev.switchboard.conformance.Loss.STOP_SEQUENCES_DROPPED;
import static dev.switchboard.conformance.Loss.TOP_K_DROPPED;
import static dev.switchboard.conformance.Loss.TOP_P_DROPPED;
import static dev.switchboard.conformance.Loss.TRANSLATED_HEADERS_NOT_RELAYED;
import static dev.switchboard.conformance.Refusal.NO_EMBEDDINGS;
import static dev.switchboard.conformance.Surface.ANTHROPIC;
import static dev.switchboard.conformance.Surface.GEMINI;
import static dev.switchboard.conformance.Surface.OPENAI;
import static dev.switchboard.conformance.Surface.RESPONSES;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matrix: for every scenario, one row per caller surface (OpenAI chat, Anthropic, Gemini, OpenAI
 * Responses), and in each row one entry per
 * provider kind, in the order of {@link ProviderKind#ALL} (openai-compatible, anthropic, gemini,
 * azure, mistral, openai-responses), written out in full so that a new kind or surface fails {@link #problems()}
 * until each of its cells is decided. An entry declares the cell's verdict in both modes (or each
 * mode apart), or says why there is no such cell: the caller's format cannot ask for the feature,
 * or the provider's cannot produce it. Cells the gateway does not meet yet are listed as known
 * bugs, with their reason.
 */
final class Matrix {

    /** Known bugs by cell name ({@link #name}); see {@link #knownBug}. */
    private static final Map<String, String> KNOWN_BUGS = new LinkedHashMap<>();

    private static final Map<Scenario, List<Row>> ROWS = new EnumMap<>(Scenario.class);

    /** Exact in both modes. */
    private static final Entry E = new Declared(Declaration.EXACT, Declaration.EXACT);

    static {
        declare(Scenario.TEXT,
                //    caller   openai-compatible, anthropic, gemini, azure, mistral, openai-responses
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.TOOL_CALL,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.PARALLEL_TOOL_CALLS,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.TOOL_RESULT,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.CONTINUATION,
                row(OPENAI,    E, E, E,                                 E, E, E),
                row(ANTHROPIC, E, E, lossy(CALL_SIGNATURE_PLACEHOLDER), E, E, E),
                row(GEMINI,    E, E, E,                                 E, E, E),
                row(RESPONSES, E, E, lossy(CALL_SIGNATURE_PLACEHOLDER), E, E, E));
        declare(Scenario.IMAGE,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        String noThinkingText = "Azure OpenAI's chat completions return no reasoning text, only its token count";
        declare(Scenario.THINKING,
                row(OPENAI,    E,             E,         E,      none(noThinkingText), E, E),
                row(ANTHROPIC, E,             E,         E,      none(noThinkingText), E, E),
                row(GEMINI,    E,             E,         E,      none(noThinkingText), E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.JSON_MODE,
                row(OPENAI,    E,             lossy(JSON_MODE_BY_INSTRUCTION), E, E, E, E),
                noRow(ANTHROPIC, "Anthropic's Messages API has no JSON mode to ask for (it takes a JSON schema)"),
                row(GEMINI,    E,             lossy(JSON_MODE_BY_INSTRUCTION), E, E, E, E),
                row(RESPONSES, E, lossy(JSON_MODE_BY_INSTRUCTION), E, E, E, E));
        declare(Scenario.JSON_SCHEMA,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.STOP_SEQUENCES,
                row(OPENAI,    E, E, E, E, E, lossy(STOP_SEQUENCES_DROPPED)),
                row(ANTHROPIC, lossy(MATCHED_SEQUENCE_UNKNOWN), E, lossy(MATCHED_SEQUENCE_UNKNOWN),
                        lossy(MATCHED_SEQUENCE_UNKNOWN), lossy(MATCHED_SEQUENCE_UNKNOWN), lossy(STOP_SEQUENCES_DROPPED)),
                row(GEMINI,    E, E, E, E, E, lossy(STOP_SEQUENCES_DROPPED)),
                noRow(RESPONSES, "OpenAI's Responses API has no stop sequences"));
        declare(Scenario.SAMPLING,
                row(OPENAI,    E, lossy(TOP_P_DROPPED), E, E,                  E, E),
                row(ANTHROPIC, E, E,                    E, lossy(TOP_K_DROPPED), lossy(TOP_K_DROPPED), lossy(TOP_K_DROPPED)),
                row(GEMINI,    E, lossy(TOP_P_DROPPED), E, lossy(TOP_K_DROPPED), lossy(TOP_K_DROPPED), lossy(TOP_K_DROPPED)),
                row(RESPONSES, E, lossy(TOP_P_DROPPED), E, E, E, E));
        declare(Scenario.REASONING_EFFORT,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.REASONING_OFF,
                row(OPENAI,    E,                        E, E, E,                        E, E),
                row(ANTHROPIC, lossy(OFF_LEFT_TO_MODEL), E, E, lossy(OFF_LEFT_TO_MODEL), lossy(OFF_LEFT_TO_MODEL),
                        lossy(OFF_LEFT_TO_MODEL)),
                row(GEMINI,    lossy(OFF_LEFT_TO_MODEL), E, E, lossy(OFF_LEFT_TO_MODEL), lossy(OFF_LEFT_TO_MODEL),
                        lossy(OFF_LEFT_TO_MODEL)),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.LENGTH_FINISH,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        String noFilterFinish = "Mistral's API has no content-filter finish reason";
        declare(Scenario.CONTENT_FILTER_FINISH,
                row(OPENAI,    E, E, E, E, none(noFilterFinish), E),
                row(ANTHROPIC, E, E, E, E, none(noFilterFinish), E),
                row(GEMINI,    E, E, E, E, none(noFilterFinish), E),
                row(RESPONSES, E, E, E, E, none(noFilterFinish), E));
        declare(Scenario.USAGE,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        String mistralUsage = "Mistral's usage counts prompt and completion tokens only";
        declare(Scenario.CACHED_USAGE,
                row(OPENAI,    E, lossy(CACHE_WRITES_NOT_TOLD_APART), E, E, none(mistralUsage), E),
                row(ANTHROPIC, E, E,                                  E, E, none(mistralUsage), E),
                row(GEMINI,    E, lossy(CACHE_WRITES_NOT_TOLD_APART), E, E, none(mistralUsage), E),
                row(RESPONSES, E, lossy(CACHE_WRITES_NOT_TOLD_APART), E, E, none(mistralUsage), E));
        declare(Scenario.REASONING_USAGE,
                row(OPENAI,    E, E, E, E, none(mistralUsage), E),
                row(ANTHROPIC, E, E, E, E, none(mistralUsage), E),
                row(GEMINI,    E, E, E, E, none(mistralUsage), E),
                row(RESPONSES, E, E, E, E, none(mistralUsage), E));
        declare(Scenario.ERROR_400,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.ERROR_401,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.ERROR_404,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.ERROR_429,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.ERROR_503,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        String anthropicOwn = "529 is Anthropic's own status";
        declare(Scenario.ERROR_529,
                row(OPENAI,    none(anthropicOwn), E, none(anthropicOwn), none(anthropicOwn), none(anthropicOwn), none(anthropicOwn)),
                row(ANTHROPIC, none(anthropicOwn), E, none(anthropicOwn), none(anthropicOwn), none(anthropicOwn), none(anthropicOwn)),
                row(GEMINI,    none(anthropicOwn), E, none(anthropicOwn), none(anthropicOwn), none(anthropicOwn), none(anthropicOwn)),
                row(RESPONSES, none(anthropicOwn), E, none(anthropicOwn), none(anthropicOwn), none(anthropicOwn), none(anthropicOwn)));
        declare(Scenario.STREAM_ERROR,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        declare(Scenario.STREAM_CUT,
                row(OPENAI,    E, E, E, E, E, E),
                row(ANTHROPIC, E, E, E, E, E, E),
                row(GEMINI,    E, E, E, E, E, E),
                row(RESPONSES, E, E, E, E, E, E));
        String noHeaders = "The provider sends no request-id or rate-limit headers its callers read";
        Entry notRelayed = lossy(PROVIDER_HEADERS_NOT_RELAYED);
        declare(Scenario.HEADERS,
                row(OPENAI,    E,          notRelayed, none(noHeaders), E,          none(noHeaders),
                        lossy(TRANSLATED_HEADERS_NOT_RELAYED)),
                row(ANTHROPIC, notRelayed, E,          none(noHeaders), notRelayed, none(noHeaders), notRelayed),
                row(GEMINI,    notRelayed, notRelayed, none(noHeaders), notRelayed, none(noHeaders), notRelayed),
                row(RESPONSES, lossy(TRANSLATED_HEADERS_NOT_RELAYED), notRelayed, none(noHeaders), E, none(noHeaders), E));
        Entry noEmbeddings = refused(NO_EMBEDDINGS);
        String proNoEmbeddings = "o3-pro is a Responses model, not an embeddings model: an embeddings endpoint names one "
                + "(the OpenAI-compatible column, which is OpenAI's embeddings API)";
        declare(Scenario.EMBEDDINGS,
                row(OPENAI,    E, noEmbeddings, E, E, E, none(proNoEmbeddings)),
                noRow(ANTHROPIC, "Anthropic's API has no embeddings"),
                row(GEMINI,    E, noEmbeddings, E, E, E, none(proNoEmbeddings)),
                noRow(RESPONSES, "OpenAI's Responses API has no embeddings (its clients call the embeddings API, the OpenAI chat caller's row)"));
    }

    private Matrix() {
    }

    /** Every declared cell, scenario by scenario, in the order of the rows and entries. */
    static List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        ROWS.forEach((scenario, rows) -> rows.forEach(row -> {
            for (int k = 0; k < Math.min(row.entries.size(), ProviderKind.ALL.size()); k++) {
                if (row.entries.get(k) instanceof Declared declared) {
                    for (Mode mode : scenario.modes) {
                        cells.add(new Cell(scenario, row.surface, ProviderKind.ALL.get(k), mode,
                                mode.stream() ? declared.stream : declared.unary));
                    }
                }
            }
        }));
        return cells;
    }

    /** The entry of one scenario, surface and kind: declared, absent with a reason, or missing. */
    static Optional<Entry> entry(Scenario scenario, Surface surface, ProviderKind kind) {
        int k = ProviderKind.ALL.indexOf(kind);
        return ROWS.getOrDefault(scenario, List.of()).stream().filter(row -> row.surface == surface).findFirst()
                .filter(row -> k < row.entries.size()).map(row -> row.entries.get(k));
    }

    /** The bug a cell is known to have (it must fail, and fails its test once it passes), if any. */
    static Optional<String> knownBug(Cell cell) {
        return Optional.ofNullable(KNOWN_BUGS.get(name(cell)));
    }

    static Map<String, String> knownBugs() {
        return Map.copyOf(KNOWN_BUGS);
    }

    static String name(Cell cell) {
        return cell.scenario() + ": " + cell.surface() + " caller, " + cell.kind() + " provider, " + cell.mode();
    }

    /** Everything wrong with the declarations: a missing scenario, surface or kind, or a mismatched loss. */
    static List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Scenario scenario : Scenario.values()) {
            List<Row> rows = ROWS.get(scenario);
            if (rows == null) {
                problems.add(scenario + " is not declared");
                continue;
            }
            for (Surface surface : Surface.ALL) {
                long count = rows.stream().filter(row -> row.surface == surface).count();
                if (count != 1) {
                    problems.add(scenario + " has " + count + " rows for the " + surface + " caller");
                }
            }
            for (Row row : rows) {
                if (row.entries.size() != ProviderKind.ALL.size()) {
                    problems.add(scenario + ", " + row.surface + " caller: " + row.entries.size() + " entries for "
                            + ProviderKind.ALL.size() + " provider kinds " + ProviderKind.ALL);
                }
                for (Entry entry : row.entries) {
                    if (entry instanceof Declared declared) {
                        checkDeclaration(scenario, row, declared.unary, problems);
                        checkDeclaration(scenario, row, declared.stream, problems);
                        if (scenario.modes.size() == 1 && !declared.unary.equals(declared.stream)) {
                            problems.add(scenario + " has one mode but " + row.surface + " declares two");
                        }
                    }
                }
            }
        }
        for (String bug : KNOWN_BUGS.keySet()) {
            if (cells().stream().noneMatch(cell -> name(cell).equals(bug))) {
                problems.add("a known bug names no cell: " + bug);
            }
        }
        return problems;
    }

    private static void checkDeclaration(Scenario scenario, Row row, Declaration declaration, List<String> problems) {
        declaration.losses().stream().filter(loss -> loss.scenario != scenario).forEach(loss ->
                problems.add(scenario + ", " + row.surface + " caller: " + loss + " is a loss of " + loss.scenario));
        declaration.refusal().filter(refusal -> refusal.scenario != scenario).ifPresent(refusal ->
                problems.add(scenario + ", " + row.surface + " caller: " + refusal + " is a refusal of " + refusal.scenario));
    }

    // ------------------------------------------------------------------------------------ the notation

    /** An entry of a row: a declared cell, or the reason there is none. */
    sealed interface Entry permits Declared, Absent {
    }

    /** A declared cell, unary and streamed. */
    record Declared(Declaration unary, Declaration stream) implements Entry {
    }

    /** No such cell, and why: the provider cannot produce the feature, or the caller cannot ask for it. */
    record Absent(String reason) implements Entry {
    }

    private record Row(Surface surface, List<Entry> entries) {
    }

    private static Entry lossy(Loss loss, Loss... more) {
        Declaration declaration = Declaration.lossy(loss, more);
        return new Declared(declaration, declaration);
    }

    private static Entry refused(Refusal refusal) {
        Declaration declaration = Declaration.refused(refusal);
        return new Declared(declaration, declaration);
    }

    private static Entry none(String reason) {
        return new Absent(reason);
    }

    private static Row row(Surface surface, Entry... entries) {
        return new Row(surface, List.of(entries));
    }

    /** A caller whose format cannot ask for the scenario's feature at all. */
    private static Row noRow(Surface surface, String reason) {
        Entry absent = none(reason);
        return new Row(surface, ProviderKind.ALL.stream().map(kind -> absent).toList());
    }

    private static void bug(String why, Scenario scenario, Surface surface, ProviderKind kind, Mode mode) {
        KNOWN_BUGS.put(scenario + ": " + surface + " caller, " + kind + " provider, " + mode, why);
    }

    private static void declare(Scenario scenario, Row... rows) {
        ROWS.put(scenario, List.of(rows));
    }

}
