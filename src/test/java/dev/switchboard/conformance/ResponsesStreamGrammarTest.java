package dev.switchboard.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.conformance.Cases.Seen;
import dev.switchboard.conformance.Cases.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The Responses grammar and reading the matrix holds the gateway to: a stream as OpenAI writes it
 * passes, and each way of breaking the grammar is caught.
 */
class ResponsesStreamGrammarTest {

    private static final Turn TURN = new Turn(List.of(new Turn.Thought(Cases.THINKING, Optional.of("enc")),
            new Turn.Said(Cases.ANSWER), new Turn.Call("call_1", Cases.TOOL, Cases.ARGS, Optional.empty()),
            new Turn.Call("call_2", Cases.TOOL, Cases.LONDON, Optional.empty())), Turn.Finish.TOOL_USE,
            new Usage(10, 5));

    private static String body(List<String> frames) {
        StringBuilder body = new StringBuilder();
        frames.forEach(frame -> body.append(frame).append("\n\n"));
        return body.toString();
    }

    private static List<String> frames() {
        return ResponsesWire.frames(ResponsesWire.events(TURN, "m"));
    }

    /** The stream with its events changed, then numbered again from 0. */
    private static String changed(UnaryOperator<List<ObjectNode>> change) {
        return body(ResponsesWire.frames(change.apply(new ArrayList<>(ResponsesWire.events(TURN, "m")))));
    }

    @Test
    void a_stream_as_openai_writes_it_passes_and_reads_as_its_turn() {
        String stream = body(frames());

        assertThat(ResponsesStreamGrammar.violations(stream)).isEmpty();
        Seen seen = Surface.RESPONSES.seen(stream);
        assertThat(seen.problems()).isEmpty();
        assertThat(seen.terminated()).isTrue();
        assertThat(Surface.RESPONSES.text(seen.message())).isEqualTo(Cases.ANSWER);
        assertThat(Surface.RESPONSES.toolCalls(seen.message())).extracting(Cases.ToolCall::id)
                .containsExactly("call_1", "call_2");
        assertThat(Surface.RESPONSES.thinking(seen.message()))
                .containsExactly(new Cases.Thinking(Cases.THINKING, Optional.of("enc")));
        assertThat(seen.stop()).isEqualTo("completed");
        assertThat(seen.usage()).contains(new Usage(10, 5));
    }

    @Test
    void done_and_numbering_are_checked() {
        List<String> done = new ArrayList<>(frames());
        done.add("data: [DONE]");
        assertThat(ResponsesStreamGrammar.violations(body(done))).anyMatch(v -> v.contains("[DONE]"));

        List<String> renumbered = new ArrayList<>(frames());
        renumbered.set(3, renumbered.get(3).replace("\"sequence_number\":3", "\"sequence_number\":1"));
        assertThat(ResponsesStreamGrammar.violations(body(renumbered))).anyMatch(v -> v.contains("sequence_number 1"));

        List<String> unnumbered = new ArrayList<>(frames());
        unnumbered.set(0, unnumbered.get(0).replace("\"sequence_number\":0", "\"sequence_number\":1"));
        assertThat(ResponsesStreamGrammar.violations(body(unnumbered))).isNotEmpty();

        List<String> misnamed = new ArrayList<>(frames());
        misnamed.set(2, misnamed.get(2).replaceFirst("event: [a-z_.]+", "event: message"));
        assertThat(ResponsesStreamGrammar.violations(body(misnamed))).anyMatch(v -> v.startsWith("event: message"));
    }

    @Test
    void the_opening_the_items_and_the_end_are_checked() {
        assertThat(ResponsesStreamGrammar.violations(changed(events -> events.subList(1, events.size()))))
                .anyMatch(v -> v.contains("not response.created"));
        assertThat(ResponsesStreamGrammar.violations(changed(events -> events.subList(0, events.size() - 1))))
                .anyMatch(v -> v.contains("ends without"));
        // An item added before the one open is done.
        assertThat(ResponsesStreamGrammar.violations(changed(events -> {
            int done = indexOf(events, "response.output_item.done");
            events.add(done, events.remove(indexOf(events, "response.output_item.added", done)));
            return events;
        }))).anyMatch(v -> v.contains("is open"));
        // A text delta before its part is added.
        assertThat(ResponsesStreamGrammar.violations(changed(events -> {
            int part = indexOf(events, "response.content_part.added");
            events.add(part, events.remove(part + 1));
            return events;
        }))).anyMatch(v -> v.contains("outside its open part"));
        // A completed response with a status that is not completed.
        assertThat(ResponsesStreamGrammar.violations(changed(events -> {
            ((ObjectNode) events.getLast().get("response")).put("status", "incomplete");
            return events;
        }))).anyMatch(v -> v.contains("with status incomplete"));
    }

    @Test
    void deltas_that_disagree_with_their_done_event_are_a_problem_of_the_reading() {
        String stream = changed(events -> {
            ((ObjectNode) events.get(indexOf(events, "response.output_text.delta"))).put("delta", "Xx");
            return events;
        });

        assertThat(Surface.RESPONSES.seen(stream).problems()).anyMatch(v -> v.contains("but done with"));
    }

    private static int indexOf(List<ObjectNode> events, String type) {
        return indexOf(events, type, 0);
    }

    private static int indexOf(List<ObjectNode> events, String type, int from) {
        for (int i = from; i < events.size(); i++) {
            if (events.get(i).path("type").asText().equals(type)) {
                return i;
            }
        }
        throw new AssertionError("no " + type);
    }
}
