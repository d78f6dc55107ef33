package dev.switchboard.conformance;

import static dev.switchboard.conformance.Cases.ANSWER;
import static dev.switchboard.conformance.Cases.ARGS;
import static dev.switchboard.conformance.Cases.IMAGE_MEDIA_TYPE;
import static dev.switchboard.conformance.Cases.IMAGE_QUESTION;
import static dev.switchboard.conformance.Cases.LONDON;
import static dev.switchboard.conformance.Cases.PNG_BASE64;
import static dev.switchboard.conformance.Cases.RESULT;
import static dev.switchboard.conformance.Cases.SCHEMA;
import static dev.switchboard.conformance.Cases.SMALL_USAGE;
import static dev.switchboard.conformance.Cases.SYSTEM;
import static dev.switchboard.conformance.Cases.THINKING;
import static dev.switchboard.conformance.Cases.THOUGHTFUL_ANSWER;
import static dev.switchboard.conformance.Cases.TOOL;
import static dev.switchboard.conformance.Cases.TOOL_DESCRIPTION;
import static dev.switchboard.conformance.Cases.USER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.conformance.Cases.Ask;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.Thinking;
import dev.switchboard.conformance.Cases.ToolCall;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.conformance.Cases.Usage;
import dev.switchboard.conformance.Run.Answered;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** The checks of the content scenarios: text, tools, images and thinking. */
final class Checks {

    private Checks() {
    }

    static void text(Run run) {
        Answered answered = run.answered(run.ask(), Turn.text(ANSWER, SMALL_USAGE));

        assertThat(run.surface().text(answered.message())).isEqualTo(ANSWER);
        assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.END_TURN));
        assertThat(run.kind().system(answered.sent())).isEqualTo(SYSTEM);
        assertThat(run.kind().userText(answered.sent())).isEqualTo(USER);
    }

    static void toolCall(Run run) {
        Turn turn = Turn.calls(List.of(new Turn.Call(run.kind().callId(0), TOOL, ARGS, Optional.empty())),
                new Usage(80, 20));
        Answered answered = run.answered(Ask.withTool(run.mode()), turn);

        assertThat(run.surface().toolCalls(answered.message())).singleElement().satisfies(call -> {
            assertThat(call.name()).isEqualTo(TOOL);
            assertThat(call.args()).isEqualTo(ARGS);
            assertId(run, call, 0);
        });
        assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.TOOL_USE));
        assertThat(run.kind().declaredTools(answered.sent())).containsExactly(new Declared(TOOL, TOOL_DESCRIPTION,
                SCHEMA));
    }

    /** Two calls of one tool in one answer; OpenAI-format providers stream their arguments interleaved. */
    static void parallelToolCalls(Run run) {
        Turn turn = Turn.calls(List.of(new Turn.Call(run.kind().callId(0), TOOL, ARGS, Optional.empty()),
                new Turn.Call(run.kind().callId(1), TOOL, LONDON, Optional.empty())), new Usage(80, 40));
        Answered answered = run.answered(Ask.withTool(run.mode()), turn);

        List<ToolCall> calls = run.surface().toolCalls(answered.message());
        assertThat(calls).extracting(ToolCall::name).containsExactly(TOOL, TOOL);
        assertThat(calls).extracting(ToolCall::args).containsExactly(ARGS, LONDON);
        assertId(run, calls.get(0), 0);
        assertId(run, calls.get(1), 1);
        if (run.surface().linksCallsById()) {
            assertThat(new HashSet<>(calls.stream().map(ToolCall::id).toList())).as("distinct ids").hasSize(2);
        }
        assertThat(answered.seen().stop()).isEqualTo(run.surface().stop(Turn.Finish.TOOL_USE));
    }

    static void toolResult(Run run) {
        Answered answered = run.answered(Ask.afterToolCall(run.mode()), Turn.text(ANSWER, SMALL_USAGE));

        assertThat(run.surface().text(answered.message())).isEqualTo(ANSWER);
        ToolTurn turn = run.kind().toolTurn(answered.sent());
        assertThat(turn.call().name()).isEqualTo(TOOL);
        assertThat(turn.call().args()).isEqualTo(ARGS);
        assertThat(turn.resultKey()).as("what links the result to the call").isNotBlank().isEqualTo(turn.callKey());
        assertThat(turn.result()).isEqualTo(RESULT);
        assertThat(turn.resultAfterCall()).as("result comes after the call").isTrue();
        assertThat(run.kind().userText(answered.sent())).isEqualTo(USER);
    }

    static void image(Run run) {
        Answered answered = run.answered(Ask.withImage(run.mode()), Turn.text(ANSWER, SMALL_USAGE));

        assertThat(run.surface().text(answered.message())).isEqualTo(ANSWER);
        Image image = run.kind().image(answered.sent());
        assertThat(image.mediaType()).isEqualTo(IMAGE_MEDIA_TYPE);
        assertThat(Base64.getDecoder().decode(image.base64())).isEqualTo(Base64.getDecoder().decode(PNG_BASE64));
        assertThat(run.kind().userText(answered.sent())).isEqualTo(IMAGE_QUESTION);
    }

    /**
     * The provider thinks before it answers. The caller gets the thinking; a signature comes as the
     * provider made it on pass-through, tagged with its maker when translated (so that it can find
     * its way back, see {@code core/Signatures}); thinking its provider did not sign reaches an
     * Anthropic caller with a bare tag (Anthropic's blocks must have a signature, and the gateway
     * leaves such blocks out on the way back), and reaches others unsigned.
     */
    static void thinking(Run run) {
        Optional<String> signature = run.kind().thinkingSignature(run.surface());
        Turn turn = new Turn(List.of(new Turn.Thought(THINKING, signature), new Turn.Said(THOUGHTFUL_ANSWER)),
                Turn.Finish.END_TURN, new Usage(30, 12));
        Answered answered = run.answered(run.ask().think(Ask.Think.ON), turn);

        assertThat(run.surface().text(answered.message())).isEqualTo(THOUGHTFUL_ANSWER);
        List<Thinking> thinking = run.surface().thinking(answered.message());
        assertThat(thinking).extracting(Thinking::text).containsExactly(THINKING);
        Optional<String> seen = thinking.getFirst().signature();
        if (signature.isPresent()) {
            assertThat(seen).as("signature").contains(run.passThrough() ? signature.get()
                    : tag(run.kind()) + asCallerHoldsIt(signature.get(), run.surface()));
        } else if (run.surface() instanceof AnthropicSurface) {
            assertThat(seen).as("signature of unsigned thinking").contains(tag(run.kind()));
        } else {
            assertThat(seen).as("signature of unsigned thinking").isEmpty();
        }
    }

    /**
     * A signature as a caller of {@code surface} holds it: Gemini's {@code thoughtSignature} is bytes
     * in standard base64, so a URL-safe one (OpenAI's encrypted reasoning) reaches it in that alphabet.
     */
    static String asCallerHoldsIt(String signature, Surface surface) {
        if (surface != Surface.GEMINI || (signature.indexOf('-') < 0 && signature.indexOf('_') < 0)) {
            return signature;
        }
        return java.util.Base64.getEncoder().encodeToString(java.util.Base64.getUrlDecoder().decode(signature));
    }

    /** The tag before a signature this kind's provider made, as callers of other formats get it. */
    static String tag(ProviderKind kind) {
        return "swb1" + switch (kind.format()) {
            case ANTHROPIC -> "Anth";
            case GEMINI -> "Gemi";
            case OPENAI -> "Oapi";
            case OPENAI_RESPONSES -> "Resp";
        };
    }

    /** A call's id: as the provider made it on pass-through, present wherever the caller's format links by id. */
    static void assertId(Run run, ToolCall call, int n) {
        if (run.passThrough()) {
            assertThat(call.id()).as("call id").isEqualTo(run.kind().callId(n));
        } else if (run.surface().linksCallsById()) {
            assertThat(call.id()).as("call id").isNotBlank();
            if (!run.kind().callId(n).isEmpty()) {
                assertThat(call.id()).as("call id").isEqualTo(run.kind().callId(n));
            }
        }
    }
}
