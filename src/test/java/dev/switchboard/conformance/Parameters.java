package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER;
import static dev.switchboard.conformance.Cases.ANSWER_SCHEMA;
import static dev.switchboard.conformance.Cases.BUDGET;
import static dev.switchboard.conformance.Cases.EFFORT;
import static dev.switchboard.conformance.Cases.JSON_ANSWER;
import static dev.switchboard.conformance.Cases.MATCHED_STOP;
import static dev.switchboard.conformance.Cases.MAX_TOKENS;
import static dev.switchboard.conformance.Cases.STOPS;
import static dev.switchboard.conformance.Cases.TEMPERATURE;
import static dev.switchboard.conformance.Cases.TOP_K;
import static dev.switchboard.conformance.Cases.TOP_P;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.ProviderKind.Output;
import dev.switchboard.conformance.ProviderKind.Sampled;
import dev.switchboard.conformance.Run.Answered;
import java.util.List;

/** The checks of the request parameters: answer formats, stop sequences, sampling, reasoning. */
final class Parameters {

    /** Gemini's budget for OpenAI's effort {@code high} (the most 2.5 Flash takes). */
    private static final int HIGH_BUDGET = 24_576;

    private Parameters() {
    }

    static void jsonMode(Run run) {
        Answered answered = run.answered(run.ask().output(Ask.Output.JSON_OBJECT), Turn.text(JSON_ANSWER,
                Cases.SMALL_USAGE));

        assertThat(run.surface().text(answered.message())).isEqualTo(JSON_ANSWER);
        Output.Kind expected = run.declared().loses(Loss.JSON_MODE_BY_INSTRUCTION) ? Output.Kind.INSTRUCTION
                : Output.Kind.JSON_OBJECT;
        assertThat(run.kind().output(answered.sent()).kind()).as("answer format sent").isEqualTo(expected);
    }

    static void jsonSchema(Run run) {
        Answered answered = run.answered(run.ask().output(Ask.Output.JSON_SCHEMA), Turn.text(JSON_ANSWER,
                Cases.SMALL_USAGE));

        assertThat(run.surface().text(answered.message())).isEqualTo(JSON_ANSWER);
        assertThat(run.kind().output(answered.sent())).as("answer format sent")
                .isEqualTo(new Output(Output.Kind.JSON_SCHEMA, ANSWER_SCHEMA));
    }

    /** The provider stops on {@link Cases#MATCHED_STOP}; only Anthropic's format says which sequence matched. */
    static void stopSequences(Run run) {
        Answered answered = run.answered(run.ask().withStops(), Turn.finished(ANSWER, Turn.Finish.STOP_SEQUENCE));

        boolean dropped = run.declared().loses(Loss.STOP_SEQUENCES_DROPPED);
        assertThat(run.kind().stopSequences(answered.sent())).as("stop sequences sent")
                .isEqualTo(dropped ? List.of() : STOPS);
        if (dropped || run.declared().loses(Loss.MATCHED_SEQUENCE_UNKNOWN)) {
            assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.END_TURN));
            assertThat(run.surface().stopSequence(answered.message())).isEmpty();
        } else {
            assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.STOP_SEQUENCE));
            if (run.surface() instanceof AnthropicSurface) {
                assertThat(run.surface().stopSequence(answered.message())).contains(MATCHED_STOP);
            }
        }
        assertThat(run.surface().text(answered.message())).isEqualTo(ANSWER);
    }

    /**
     * Each caller sends the sampling fields its format has (an OpenAI caller, chat or Responses, no top_k, a caller of
     * Claude 4.5 not both temperature and top_p); the provider gets them, less what the cell loses.
     */
    static void sampling(Run run) {
        Answered answered = run.answered(run.ask().withSampling(), Turn.text(ANSWER, Cases.SMALL_USAGE));

        boolean sentTopP = !(run.surface() instanceof AnthropicSurface);
        boolean sentTopK = !(run.surface() instanceof OpenAiSurface || run.surface() instanceof ResponsesSurface);
        Double topP = sentTopP && !run.declared().loses(Loss.TOP_P_DROPPED) ? TOP_P : null;
        Integer topK = sentTopK && !run.declared().loses(Loss.TOP_K_DROPPED) ? TOP_K : null;
        assertThat(run.kind().sampling(answered.sent())).as("sampling sent")
                .isEqualTo(new Sampled(TEMPERATURE, topP, topK, MAX_TOKENS));
    }

    /**
     * An OpenAI caller (chat or Responses) asks for effort {@code high}; Anthropic and Gemini callers give a budget of
     * {@link Cases#BUDGET} tokens. OpenAI-format providers get an effort (a budget above 8192 is
     * {@code high}); Claude gets the budget, or adaptive thinking at that effort; Gemini gets the
     * budget, or the one it takes for that effort, and is asked to include its thoughts.
     */
    static void reasoningOn(Run run) {
        Answered answered = run.answered(run.ask().think(Ask.Think.ON), Turn.text(ANSWER, Cases.SMALL_USAGE));

        boolean effort = run.surface() instanceof OpenAiSurface || run.surface() instanceof ResponsesSurface;
        ObjectNode expected = Cases.object();
        switch (run.kind().format()) {
            case OPENAI, OPENAI_RESPONSES -> expected.put("reasoning_effort", EFFORT);
            case ANTHROPIC -> {
                if (effort) {
                    expected.putObject("thinking").put("type", "adaptive");
                    expected.put("effort", EFFORT);
                } else {
                    expected.putObject("thinking").put("type", "enabled").put("budget_tokens", BUDGET);
                }
            }
            case GEMINI -> expected.putObject("thinkingConfig").put("thinkingBudget", effort ? HIGH_BUDGET : BUDGET)
                    .put("includeThoughts", true);
        }
        assertThat(run.kind().reasoning(answered.sent())).as("reasoning sent").isEqualTo(expected);
    }

    /**
     * The caller turns thinking off: OpenAI's {@code none}, Anthropic's {@code disabled}, Gemini's
     * budget 0. Claude gets thinking disabled and Gemini a budget of 0; an OpenAI-format provider gets
     * {@code none} from an OpenAI caller, and otherwise what the cell declares.
     */
    static void reasoningOff(Run run) {
        Answered answered = run.answered(run.ask().think(Ask.Think.OFF), Turn.text(ANSWER, Cases.SMALL_USAGE));

        ObjectNode expected = Cases.object();
        switch (run.kind().format()) {
            case OPENAI, OPENAI_RESPONSES -> {
                if (!run.declared().loses(Loss.OFF_LEFT_TO_MODEL)) {
                    expected.put("reasoning_effort", "none");
                }
            }
            case ANTHROPIC -> expected.putObject("thinking").put("type", "disabled");
            case GEMINI -> expected.putObject("thinkingConfig").put("thinkingBudget", 0);
        }
        JsonNode sent = run.kind().reasoning(answered.sent());
        assertThat(sent).as("reasoning sent").isEqualTo(expected);
    }
}
