package dev.switchboard.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The gateway's token estimate: characters / 4 rounded up, plus 3 per message. */
class TokenEstimateTest {

    private static ChatRequest of(Message... messages) {
        return ChatRequest.of(List.of(messages));
    }

    @Test
    void text_counts_a_token_per_four_characters_rounded_up_plus_three_per_message() {
        // 7 + 4 characters: ceil(11 / 4) = 3, and 2 messages * 3
        assertThat(TokenEstimate.of(of(Message.of(Role.SYSTEM, "Be kind"), Message.of(Role.USER, "Hey!"))))
                .isEqualTo(3 + 6);
        assertThat(TokenEstimate.of(of(Message.of(Role.USER, "abcd")))).isEqualTo(1 + 3);
        assertThat(TokenEstimate.of(of(Message.of(Role.USER, "abcde")))).isEqualTo(2 + 3);
        assertThat(TokenEstimate.of(of())).isZero();
    }

    @Test
    void characters_are_code_points_not_utf16_units() {
        // four emoji are eight UTF-16 units but four characters
        assertThat(TokenEstimate.of(of(Message.of(Role.USER, "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00"))))
                .isEqualTo(1 + 3);
    }

    @Test
    void tool_calls_results_thinking_and_tool_declarations_count_images_do_not() {
        Message assistant = new Message(Role.ASSISTANT, List.of(new Thinking("hmm", Optional.empty()),
                new ToolCall("call_1", "get", "{\"a\":1}")));
        Message tool = new Message(Role.TOOL, List.of(new ToolResult("call_1", List.of(new Text("sunny")), false)));
        Message user = new Message(Role.USER, List.of(new Image(new MediaSource.Url("https://example.com/a.png"))));
        Tool declared = new Tool("get", Optional.of("Gets"), JsonNodeFactory.instance.objectNode().put("type", "object"),
                Optional.empty());
        ChatRequest request = new ChatRequest(List.of(assistant, tool, user), List.of(declared), Optional.empty(),
                Sampling.NONE, Optional.empty(), Optional.empty(), false, false, Map.of());

        // thinking 3 + call 3 + 7 + result 5 + tool 3 + 4 + 17 ({"type":"object"}) = 42 characters: 11 tokens
        assertThat(TokenEstimate.of(request)).isEqualTo(11 + 3 * 3);
    }
}
