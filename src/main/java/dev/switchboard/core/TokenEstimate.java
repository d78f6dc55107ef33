package dev.switchboard.core;

/**
 * The gateway's own estimate of a request's input tokens, for a target whose API cannot count them
 * (OpenAI-format providers have no count endpoint). The rule is simple and deterministic, not a
 * tokenizer: the request's text in characters (Unicode code points) divided by
 * {@value #CHARACTERS_PER_TOKEN}, rounded up, plus {@value #TOKENS_PER_MESSAGE} tokens for each
 * message (system instructions included), which stand for the role and turn markers every format
 * adds. The text is that of the text and thinking blocks, tool calls (name and arguments), tool
 * results, and tool declarations (name, description and parameter schema as compact JSON). Images,
 * documents and redacted thinking are not text and count nothing, so a request with them is
 * underestimated.
 */
public final class TokenEstimate {

    /** Characters per token: the usual rule of thumb for English text and code. */
    public static final int CHARACTERS_PER_TOKEN = 4;
    /** Tokens added for each message. */
    public static final int TOKENS_PER_MESSAGE = 3;

    private TokenEstimate() {
    }

    /** The estimated input tokens of {@code request}. */
    public static long of(ChatRequest request) {
        long characters = 0;
        for (Message message : request.messages()) {
            for (Content block : message.content()) {
                characters += characters(block);
            }
        }
        for (Tool tool : request.tools()) {
            characters += length(tool.name()) + tool.description().map(TokenEstimate::length).orElse(0L)
                    + length(tool.parametersSchema().toString());
        }
        long text = (characters + CHARACTERS_PER_TOKEN - 1) / CHARACTERS_PER_TOKEN;
        return text + (long) TOKENS_PER_MESSAGE * request.messages().size();
    }

    private static long characters(Content block) {
        return switch (block) {
            case Text text -> length(text.text());
            case Thinking thinking -> length(thinking.text());
            case ToolCall call -> length(call.name()) + length(call.argumentsJson());
            case ToolResult result -> result.content().stream().mapToLong(TokenEstimate::characters).sum();
            case Image image -> 0;
            case Document document -> 0;
            case RedactedThinking redacted -> 0;
        };
    }

    private static long length(String text) {
        return text.codePointCount(0, text.length());
    }
}
