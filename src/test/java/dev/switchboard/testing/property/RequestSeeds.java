package dev.switchboard.testing.property;

/**
 * Valid requests of each inbound format, rich in the features each has (tools, images, thinking,
 * structured output, streams), from which hostile bodies are grown ({@link JsonInputs}). They call
 * the endpoint {@code chat}.
 */
public final class RequestSeeds {

    public static final String[] OPENAI_CHAT = {
        """
                {"model": "chat", "messages": [
                  {"role": "system", "content": "Be brief."},
                  {"role": "user", "content": [{"type": "text", "text": "What is in this image?"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo=", "detail": "low"}}]},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "call_1", "type": "function",
                    "function": {"name": "lookup", "arguments": "{\\"q\\": \\"x\\"}"}}]},
                  {"role": "tool", "tool_call_id": "call_1", "content": "found"}],
                 "tools": [{"type": "function", "function": {"name": "lookup", "description": "Looks up",
                   "parameters": {"type": "object", "properties": {"q": {"type": "string"}}, "required": ["q"]}}}],
                 "tool_choice": {"type": "function", "function": {"name": "lookup"}},
                 "temperature": 0.2, "top_p": 0.9, "max_tokens": 100, "stop": ["END"], "seed": 7, "n": 1,
                 "stream": true, "stream_options": {"include_usage": true}}""",
        """
                {"model": "chat", "messages": [{"role": "user", "content": "Hi"}],
                 "response_format": {"type": "json_schema", "json_schema": {"name": "answer", "strict": true,
                   "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}},
                 "max_completion_tokens": 50, "reasoning_effort": "low", "user": "u-1",
                 "logprobs": true, "top_logprobs": 2, "parallel_tool_calls": false}"""
    };

    public static final String[] ANTHROPIC_MESSAGES = {
        """
                {"model": "chat", "max_tokens": 256, "system": [{"type": "text", "text": "Be brief.",
                   "cache_control": {"type": "ephemeral"}}],
                 "messages": [
                  {"role": "user", "content": [{"type": "text", "text": "Look"},
                    {"type": "image", "source": {"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}}]},
                  {"role": "assistant", "content": [
                    {"type": "thinking", "thinking": "Let me see", "signature": "c2lnbmF0dXJl"},
                    {"type": "tool_use", "id": "toolu_1", "name": "lookup", "input": {"q": "x"}}]},
                  {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_1",
                    "content": [{"type": "text", "text": "found"}], "is_error": false}]}],
                 "tools": [{"name": "lookup", "description": "Looks up",
                   "input_schema": {"type": "object", "properties": {"q": {"type": "string"}}}}],
                 "tool_choice": {"type": "tool", "name": "lookup"},
                 "thinking": {"type": "enabled", "budget_tokens": 1024},
                 "temperature": 1, "top_k": 5, "stop_sequences": ["END"], "stream": true,
                 "metadata": {"user_id": "u-1"}}""",
        """
                {"model": "chat", "max_tokens": 10, "system": "Be brief.",
                 "messages": [{"role": "user", "content": "Hi"},
                   {"role": "assistant", "content": [{"type": "redacted_thinking", "data": "abc"},
                     {"type": "text", "text": "Hello"}]},
                   {"role": "user", "content": [{"type": "document", "source": {"type": "text",
                     "media_type": "text/plain", "data": "A document"}}]}],
                 "tool_choice": {"type": "auto", "disable_parallel_tool_use": true}}"""
    };

    public static final String[] GEMINI_GENERATE_CONTENT = {
        """
                {"contents": [
                  {"role": "user", "parts": [{"text": "Look"},
                    {"inlineData": {"mimeType": "image/png", "data": "iVBORw0KGgo="}}]},
                  {"role": "model", "parts": [{"text": "thinking", "thought": true, "thoughtSignature": "c2ln"},
                    {"functionCall": {"name": "lookup", "args": {"q": "x"}}}]},
                  {"role": "user", "parts": [{"functionResponse": {"name": "lookup", "response": {"result": "found"}}}]}],
                 "systemInstruction": {"parts": [{"text": "Be brief."}]},
                 "tools": [{"functionDeclarations": [{"name": "lookup", "description": "Looks up",
                   "parameters": {"type": "OBJECT", "properties": {"q": {"type": "STRING"}}}}]}],
                 "toolConfig": {"functionCallingConfig": {"mode": "ANY", "allowedFunctionNames": ["lookup"]}},
                 "generationConfig": {"temperature": 0.5, "topP": 0.9, "topK": 4, "maxOutputTokens": 100,
                   "stopSequences": ["END"], "candidateCount": 1,
                   "thinkingConfig": {"thinkingBudget": 512, "includeThoughts": true}}}""",
        """
                {"contents": [{"parts": [{"text": "Hi"}]}],
                 "generationConfig": {"responseMimeType": "application/json",
                   "responseSchema": {"type": "OBJECT", "properties": {"a": {"type": "STRING"}}}}}"""
    };

    public static final String[] OPENAI_RESPONSES = {
        """
                {"model": "chat", "instructions": "Be brief.",
                 "input": [
                  {"role": "user", "content": [{"type": "input_text", "text": "Look"},
                    {"type": "input_image", "image_url": "data:image/png;base64,iVBORw0KGgo="}]},
                  {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "hm"}],
                    "encrypted_content": "abc"},
                  {"type": "function_call", "call_id": "call_1", "name": "lookup", "arguments": "{\\"q\\": \\"x\\"}"},
                  {"type": "function_call_output", "call_id": "call_1", "output": "found"}],
                 "tools": [{"type": "function", "name": "lookup", "description": "Looks up",
                   "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}}],
                 "tool_choice": {"type": "function", "name": "lookup"},
                 "reasoning": {"effort": "medium", "summary": "auto"}, "max_output_tokens": 200,
                 "temperature": 0.3, "stream": true, "store": false}""",
        """
                {"model": "chat", "input": "Hi",
                 "text": {"format": {"type": "json_schema", "name": "answer",
                   "schema": {"type": "object", "properties": {"a": {"type": "string"}}}}}}"""
    };

    private RequestSeeds() {
    }
}
