package dev.switchboard.wire.anthropic;

import static dev.switchboard.wire.anthropic.AnthropicStreamTest.accumulate;
import static dev.switchboard.wire.anthropic.AnthropicStreamTest.decodeAll;
import static dev.switchboard.wire.anthropic.AnthropicStreamTest.encodeAll;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import dev.switchboard.core.ChatEvent.MessageStart;
import dev.switchboard.core.ChatEvent.SignatureDelta;
import dev.switchboard.core.ChatEvent.Stop;
import dev.switchboard.core.ChatEvent.TextDelta;
import dev.switchboard.core.ChatEvent.ThinkingDelta;
import dev.switchboard.core.ChatEvent.ToolCallArgsDelta;
import dev.switchboard.core.ChatEvent.ToolCallStart;
import dev.switchboard.core.ChatEvent.UsageUpdate;
import dev.switchboard.core.ChatEvent;
import dev.switchboard.core.StopReason;
import dev.switchboard.core.Usage;
import dev.switchboard.wire.gemini.GeminiFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import dev.switchboard.wire.openai.OpenAiStreamDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every encoded stream obeys Anthropic's event grammar, whatever order the canonical blocks arrive in. */
class AnthropicStreamGrammarTest {

    private static final MessageStart FROM_OPENAI = new MessageStart("chatcmpl-1", Optional.of("gpt-4o"),
            Optional.of(OpenAiChatFormat.INSTANCE));

    /** The canonical events of an OpenAI stream fixture, decoded as the gateway decodes them. */
    static List<ChatEvent> openAiEvents(String fixture) {
        try (InputStream in = AnthropicStreamGrammarTest.class.getResourceAsStream("/fixtures/openai/" + fixture)) {
            OpenAiStreamDecoder decoder = new OpenAiStreamDecoder();
            List<ChatEvent> events = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("data: {")) {
                    events.addAll(decoder.decode(Fixtures.parse(line.substring("data: ".length()))));
                }
            }
            return events;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String input(ContentBlock block) throws Exception {
        return ObjectMappers.jsonMapper().writeValueAsString(block.toolUse().orElseThrow()._input());
    }

    @Test
    void the_checker_refuses_a_delta_after_its_blocks_stop() {
        String stream = encodeAll(List.of(FROM_OPENAI, new TextDelta(0, "Hi"), new Stop(StopReason.END_TURN)));
        String broken = stream.replace("event: message_delta", """
                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"late"}}

                event: message_delta""");

        assertThat(AnthropicStreamGrammar.violations(stream)).isEmpty();
        assertThat(AnthropicStreamGrammar.violations(broken)).singleElement().asString()
                .contains("text_delta for block 0, which is not open");
    }

    @Test
    void interleaved_parallel_calls_from_an_openai_provider_keep_the_grammar_and_their_arguments() throws Exception {
        String encoded = encodeAll(openAiEvents("stream-interleaved-tools.sse"));

        assertThat(AnthropicStreamGrammar.violations(encoded)).isEmpty();
        Message message = accumulate(encoded);
        assertThat(message.content()).hasSize(2);
        assertThat(message.content().get(0).toolUse().orElseThrow().id()).isEqualTo("call_paris");
        assertThat(input(message.content().get(0))).isEqualTo("{\"location\":\"Paris, France\",\"unit\":\"celsius\"}");
        assertThat(message.content().get(1).toolUse().orElseThrow().id()).isEqualTo("call_tokyo");
        assertThat(input(message.content().get(1))).isEqualTo("{\"location\":\"Tokyo, Japan\",\"unit\":\"celsius\"}");
        assertThat(message.usage().outputTokens()).isEqualTo(46);
    }

    @Test
    void text_then_tools_and_thinking_then_text_then_interleaved_tools_keep_the_grammar() throws Exception {
        String textThenTools = encodeAll(List.of(FROM_OPENAI, new TextDelta(0, "Checking "), new TextDelta(0, "both."),
                new ToolCallStart(1, "call_a", "weather"), new ToolCallArgsDelta(1, "{\"city\": \"Paris\"}"),
                new ToolCallStart(2, "call_b", "weather"), new ToolCallArgsDelta(2, "{\"city\": \"Rome\"}"),
                new Stop(StopReason.TOOL_USE), new UsageUpdate(new Usage(10, 5, 0, 0, 0))));
        String thinkingTextTools = encodeAll(List.of(new MessageStart("r", Optional.empty(), Optional.of(GeminiFormat.INSTANCE)),
                new ThinkingDelta(0, "Two cities."), new SignatureDelta(0, "CiIB"), new TextDelta(1, "Checking."),
                new ToolCallStart(2, "call_a", "weather"), new ToolCallStart(3, "call_b", "weather"),
                new ToolCallArgsDelta(3, "{\"city\":"), new ToolCallArgsDelta(2, "{\"city\":"),
                new ToolCallArgsDelta(3, "\"Rome\"}"), new ToolCallArgsDelta(2, "\"Paris\"}"),
                new Stop(StopReason.TOOL_USE)));

        assertThat(AnthropicStreamGrammar.violations(textThenTools)).isEmpty();
        assertThat(AnthropicStreamGrammar.violations(thinkingTextTools)).isEmpty();
        Message message = accumulate(thinkingTextTools);
        assertThat(message.content()).hasSize(4);
        assertThat(message.content().get(0).thinking().orElseThrow().signature()).isEqualTo("swb1GemiCiIB");
        assertThat(message.content().get(1).text().orElseThrow().text()).isEqualTo("Checking.");
        assertThat(input(message.content().get(2))).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(input(message.content().get(3))).isEqualTo("{\"city\":\"Rome\"}");
    }

    @Test
    void text_that_opens_while_a_call_is_unfinished_follows_the_call_whole() throws Exception {
        String encoded = encodeAll(List.of(FROM_OPENAI, new ToolCallStart(0, "call_a", "f"),
                new ToolCallArgsDelta(0, "{\"note\": \"a } in a string\", "), new TextDelta(1, "Do"),
                new ToolCallArgsDelta(0, "\"n\": 1}"), new TextDelta(1, "ne."), new Stop(StopReason.TOOL_USE)));

        assertThat(AnthropicStreamGrammar.violations(encoded)).isEmpty();
        Message message = accumulate(encoded);
        assertThat(input(message.content().get(0))).isEqualTo("{\"note\":\"a } in a string\",\"n\":1}");
        assertThat(message.content().get(1).text().orElseThrow().text()).isEqualTo("Done.");
    }

    @Test
    void a_call_streams_live_once_the_one_before_it_has_whole_arguments() {
        AnthropicStreamEncoder encoder = new AnthropicStreamEncoder("chatcmpl-1", "m");
        encoder.encode(FROM_OPENAI);
        encoder.encode(new ToolCallStart(0, "call_a", "f"));
        encoder.encode(new ToolCallStart(1, "call_b", "f"));
        encoder.encode(new ToolCallArgsDelta(1, "{\"b\":"));

        List<String> completingA = types(encoder.encode(new ToolCallArgsDelta(0, "{\"a\": 1}")));
        List<String> moreOfB = types(encoder.encode(new ToolCallArgsDelta(1, " 2}")));
        List<String> sequentialC = types(encoder.encode(new ToolCallStart(2, "call_c", "f")));

        assertThat(completingA).containsExactly("content_block_delta", "content_block_stop", "content_block_start",
                "content_block_delta");
        assertThat(moreOfB).containsExactly("content_block_delta");
        assertThat(sequentialC).containsExactly("content_block_stop", "content_block_start");
    }

    private static List<String> types(List<byte[]> frames) {
        return frames.stream().map(f -> Fixtures.events(new String(f, StandardCharsets.UTF_8)).getFirst().name())
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-text.sse", "stream-tool-use.sse", "stream-thinking.sse"})
    void anthropics_own_streams_encoded_again_keep_the_grammar(String fixture) {
        String encoded = encodeAll(decodeAll(Fixtures.sse(fixture)));

        assertThat(AnthropicStreamGrammar.violations(encoded)).isEmpty();
        assertThat(AnthropicStreamGrammar.violations(Fixtures.text(fixture))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stream-parallel-tools.sse", "stream-deepseek-reasoning.sse", "stream-text-usage.sse"})
    void openai_streams_encoded_keep_the_grammar(String fixture) {
        assertThat(AnthropicStreamGrammar.violations(encodeAll(openAiEvents(fixture)))).isEmpty();
    }
}
