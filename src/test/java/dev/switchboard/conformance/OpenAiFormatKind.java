package dev.switchboard.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.conformance.Cases.Declared;
import dev.switchboard.conformance.Cases.Image;
import dev.switchboard.conformance.Cases.ToolTurn;
import dev.switchboard.testing.Recorded;
import java.util.List;

/**
 * A provider kind that speaks OpenAI's format (OpenAI-compatible, Azure, Mistral): it reads the
 * request the gateway sent it as OpenAI's format has it ({@link OpenAiWire}); the kinds differ in
 * where they are called, how they authenticate, and how they answer.
 */
sealed interface OpenAiFormatKind extends ProviderKind permits OpenAiCompatKind, AzureKind, MistralKind {

    @Override
    default String system(Recorded sent) {
        return OpenAiWire.system(sent);
    }

    @Override
    default String userText(Recorded sent) {
        return OpenAiWire.userText(sent);
    }

    @Override
    default List<Declared> declaredTools(Recorded sent) {
        return OpenAiWire.declaredTools(sent);
    }

    @Override
    default ToolTurn toolTurn(Recorded sent) {
        return OpenAiWire.toolTurn(sent);
    }

    @Override
    default Image image(Recorded sent) {
        return OpenAiWire.image(sent);
    }

    @Override
    default Output output(Recorded sent) {
        return OpenAiWire.output(sent);
    }

    @Override
    default List<String> stopSequences(Recorded sent) {
        return OpenAiWire.stopSequences(sent);
    }

    @Override
    default Sampled sampling(Recorded sent) {
        return OpenAiWire.sampling(sent);
    }

    @Override
    default JsonNode reasoning(Recorded sent) {
        return OpenAiWire.reasoning(sent);
    }
}
