package dev.switchboard.conformance;

import dev.switchboard.conformance.Matrix.Absent;
import dev.switchboard.conformance.Matrix.Declared;
import dev.switchboard.conformance.Matrix.Entry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The matrix as the page {@code docs/conformance.md}: a table per caller surface, a row per
 * scenario, a column per provider kind, and numbered notes for every loss, refusal, missing cell
 * and known bug. Generated from {@link Matrix}, so the page says what the tests assert.
 */
final class ConformanceDoc {

    static final String PATH = "docs/conformance.md";
    static final String REGENERATE = "./mvnw -o -Dui.skip=true -Dtest=ConformanceDocTest -Dconformance.write=true test";

    private final Map<String, Integer> notes = new LinkedHashMap<>();

    private ConformanceDoc() {
    }

    static String render() {
        return new ConformanceDoc().page();
    }

    private String page() {
        StringBuilder page = new StringBuilder();
        page.append("""
                # Conformance: what survives which translation

                <!-- Generated from src/test/java/dev/switchboard/conformance/Matrix.java by ConformanceDocTest.
                     Do not edit: change the matrix, then run %s -->

                Every surface reaches every provider. This page says, for each feature, what a caller gets
                when the provider behind the endpoint speaks another format: the feature as it is
                (**exact**), the feature with a named loss (**lossy**), or a clear error in the caller's
                own error shape (**refused**). A cell marked **n/a** does not exist: the caller's format
                cannot ask for the feature, or the provider's cannot produce it. Where the provider speaks
                the caller's format, the call is passed through (*pass-through*), except chat to Mistral,
                whose answers stray from OpenAI's grammar; every other cell is translated through the
                gateway's canonical model. Azure OpenAI speaks OpenAI's Responses API beside chat
                completions; an OpenAI-compatible server speaks chat completions only; the OpenAI Responses
                column is OpenAI's `o3-pro`, which the catalog serves by the Responses API alone
                (`{api_base}/responses`), so that every caller but a Responses one is translated.

                Each cell is a test (`src/test/java/dev/switchboard/conformance/MatrixTest.java`), run for
                a whole answer and for a stream: the real gateway over a temporary database, each provider
                played by a fake server that answers as that provider's documentation says and refuses
                what the provider refuses, every stream checked against its surface's event grammar, and
                every answer read again by the surface's official SDK (openai-java, with its Responses
                classes for the Responses caller, anthropic-java, google-genai). A cell marked **bug** is
                one the gateway does not meet yet; its test fails until the bug is fixed, then the mark
                must go.

                """.formatted("`" + REGENERATE + "`"));
        page.append("## Scenarios\n\n");
        for (Scenario scenario : Scenario.values()) {
            page.append("- **").append(scenario.title).append("**: ").append(scenario.what)
                    .append(scenario.modes.size() == 1 ? " (" + scenario.modes.iterator().next() + " only)" : "")
                    .append(".\n");
        }
        for (Surface surface : Surface.ALL) {
            page.append("\n## ").append(title(surface)).append("\n\n");
            page.append("| |");
            ProviderKind.ALL.forEach(kind -> page.append(' ').append(title(kind)).append(" |"));
            page.append("\n|---|");
            ProviderKind.ALL.forEach(kind -> page.append("---|"));
            page.append('\n');
            for (Scenario scenario : Scenario.values()) {
                page.append("| ").append(scenario.title).append(" |");
                for (ProviderKind kind : ProviderKind.ALL) {
                    page.append(' ').append(cell(scenario, surface, kind)).append(" |");
                }
                page.append('\n');
            }
        }
        page.append("\n## Notes\n\n");
        notes.forEach((text, number) -> page.append(number).append(". <a id=\"note-").append(number).append("\"></a>")
                .append(text).append(text.endsWith(".") ? "" : ".").append('\n'));
        return page.toString();
    }

    private String cell(Scenario scenario, Surface surface, ProviderKind kind) {
        Optional<Entry> entry = Matrix.entry(scenario, surface, kind);
        if (entry.isEmpty()) {
            return "undeclared";
        }
        if (entry.get() instanceof Absent absent) {
            return "n/a " + note(absent.reason());
        }
        Declared declared = (Declared) entry.get();
        List<Mode> modes = List.copyOf(scenario.modes);
        String unary = words(declared.unary());
        String stream = words(declared.stream());
        String text = modes.size() == 1 ? (modes.getFirst().stream() ? stream : unary)
                : unary.equals(stream) ? unary : "unary: " + unary + "; stream: " + stream;
        if (new Cell(scenario, surface, kind, modes.getFirst(), declared.unary()).passThrough()
                && declared.unary().verdict() != Verdict.UNSUPPORTED) {
            text += ", pass-through";
        }
        Map<Mode, String> bugs = new LinkedHashMap<>();
        for (Mode mode : modes) {
            Matrix.knownBug(new Cell(scenario, surface, kind, mode, Declaration.EXACT))
                    .ifPresent(why -> bugs.put(mode, why));
        }
        if (bugs.isEmpty()) {
            return text;
        }
        if (bugs.size() == modes.size() && bugs.values().stream().distinct().count() == 1) {
            return text + " (bug " + note(bugs.values().iterator().next()) + ")";
        }
        List<String> marks = new ArrayList<>();
        bugs.forEach((mode, why) -> marks.add(mode + " bug " + note(why)));
        return text + " (" + String.join(", ", marks) + ")";
    }

    private String words(Declaration declaration) {
        return switch (declaration.verdict()) {
            case EXACT -> "exact";
            case LOSSY -> "lossy " + String.join(" ", declaration.losses().stream().sorted()
                    .map(loss -> note(loss.text)).toList());
            case UNSUPPORTED -> "refused " + note(declaration.refusal().orElseThrow().text);
        };
    }

    /** A note's number as a superscript reference; the same text is one note. */
    private String note(String text) {
        int number = notes.computeIfAbsent(text, t -> notes.size() + 1);
        return "<sup>[" + number + "](#note-" + number + ")</sup>";
    }

    static String title(Surface surface) {
        return switch (surface) {
            case OpenAiSurface s -> "OpenAI chat caller (`/gateway/openai/v1/chat/completions`)";
            case AnthropicSurface s -> "Anthropic caller (`/gateway/anthropic/v1/messages`)";
            case GeminiSurface s -> "Gemini caller (`/gateway/gemini/v1beta/models/{endpoint}:generateContent`)";
            case ResponsesSurface s -> "OpenAI Responses caller (`/gateway/openai/v1/responses`)";
        };
    }

    static String title(ProviderKind kind) {
        return switch (kind) {
            case OpenAiCompatKind k -> "OpenAI-compatible";
            case AnthropicKind k -> "Anthropic";
            case GeminiKind k -> "Gemini";
            case AzureKind k -> "Azure OpenAI";
            case MistralKind k -> "Mistral";
            case ResponsesKind k -> "OpenAI Responses";
        };
    }
}
