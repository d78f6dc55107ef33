package dev.switchboard.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.wire.anthropic.AnthropicFormat;
import dev.switchboard.wire.openai.OpenAiChatFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The provider table: the bundled file's invariants, and how a table text is read and refused. */
class ProviderTableTest {

    private static final List<ProviderInfo> BUNDLED = ProviderTable.bundled().providers();

    private static ProviderTable table(String entry) {
        return ProviderTable.parse("{\"providers\": [" + entry + "]}", "test table");
    }

    private static ProviderInfo only(String entry) {
        return table(entry).providers().getFirst();
    }

    @Test
    void every_entry_with_a_wire_format_has_a_base_url_or_requires_api_base_in_every_auth_mode() {
        for (ProviderInfo p : BUNDLED) {
            if (p.callable().isEmpty() || p.baseUrl().isPresent()) {
                continue;
            }
            assertThat(p.authModes()).as(p.id()).allSatisfy(mode -> assertThat(mode.configFields())
                    .as("%s mode %s", p.id(), mode.mode())
                    .anySatisfy(field -> {
                        assertThat(field.name()).isEqualTo("api_base");
                        assertThat(field.required()).isTrue();
                    }));
        }
        assertThat(BUNDLED).filteredOn(p -> p.callable().isPresent() && p.baseUrl().isEmpty())
                .extracting(ProviderInfo::id)
                .contains("azure", "azure_ai", "custom", "databricks", "hosted_vllm", "litellm_proxy");
    }

    @Test
    void every_entry_says_how_it_is_called_or_why_it_cannot_be() {
        assertThat(BUNDLED).hasSize(102);
        assertThat(BUNDLED).filteredOn(p -> p.callable().isPresent()).hasSize(61);
        for (ProviderInfo p : BUNDLED) {
            if (p.invocation() instanceof Invocation.NotCallable none) {
                assertThat(none.reason()).as(p.id()).isNotBlank().doesNotEndWith(".");
            }
        }
    }

    @Test
    void an_optional_key_in_the_calling_details_is_an_optional_key_in_the_default_auth_mode() {
        for (ProviderInfo p : BUNDLED) {
            p.callable().ifPresent(callable -> {
                Optional<AuthField> key = p.defaultAuthMode().secretFields().stream()
                        .filter(f -> f.name().equals("api_key")).findFirst();
                assertThat(key).as(p.id()).isPresent();
                assertThat(key.get().required()).as(p.id()).isEqualTo(!callable.keyOptional());
            });
        }
    }

    /** Mistral answers 422 extra_forbidden to top_k, which translated Anthropic and Gemini requests carry. */
    @Test
    void mistral_drops_top_k_which_its_api_refuses() {
        assertThat(find("mistral").callable().orElseThrow().drop()).contains("top_k");
    }

    @Test
    void carries_what_the_java_list_of_openai_compatible_providers_used_to_say() {
        Invocation.Callable mistral = find("mistral").callable().orElseThrow();
        assertThat(mistral.rename()).containsExactlyInAnyOrderEntriesOf(
                Map.of("max_completion_tokens", "max_tokens", "seed", "random_seed"));
        assertThat(mistral.drop()).contains("stream_options", "store", "user");
        assertThat(find("mistral").notes()).hasValue("rejects unknown request fields; calls the seed random_seed");
        assertThat(find("databricks").callable().orElseThrow().apiBaseSuffix()).isEqualTo("/serving-endpoints");
        assertThat(find("ollama").callable().orElseThrow().keyOptional()).isTrue();
        assertThat(find("openai").callable().orElseThrow().drop()).containsExactly("top_k");
        assertThat(find("azure").callable().orElseThrow().drop()).containsExactly("top_k");
        assertThat(find("azure").callable().orElseThrow().keyHeader()).hasValue("api-key");
        assertThat(find("groq").callable().orElseThrow().keyHeader()).isEmpty();
    }

    @Test
    void reads_the_other_formats_an_entry_also_speaks() {
        ProviderInfo acme = only("""
                {"id": "acme", "display_name": "Acme AI", "wire_format": "openai", "also_speaks": ["anthropic"],
                 "base_url": "https://api.acme.example/v1", "docs_url": "https://acme.example/docs"}""");

        assertThat(acme.callable().orElseThrow().alsoSpeaks()).containsExactly(AnthropicFormat.INSTANCE);
        assertThat(find("groq").callable().orElseThrow().alsoSpeaks()).isEmpty();
    }

    @Test
    void mistral_is_translated_and_takes_its_thinking_back_as_content_chunks() {
        Invocation.Callable mistral = find("mistral").callable().orElseThrow();
        assertThat(mistral.thinkingChunks()).isTrue();
        assertThat(mistral.chatTranslated()).hasValueSatisfying(why -> assertThat(why).contains("finish chunk"));
        Invocation.Callable openai = find("openai").callable().orElseThrow();
        assertThat(openai.thinkingChunks()).isFalse();
        assertThat(openai.chatTranslated()).isEmpty();
    }

    @Test
    void reads_a_new_entry_with_every_calling_field() {
        ProviderInfo acme = only("""
                {"id": "acme", "display_name": "Acme AI", "wire_format": "openai", "base_url": "https://api.acme.example/v1",
                 "api_base_suffix": "/serving", "key_header": "X-Acme-Key", "api_key_optional": true,
                 "drop": ["user"], "rename": {"seed": "random_seed"}, "notes": "a test entry",
                 "docs_url": "https://acme.example/docs"}""");

        Invocation.Callable callable = acme.callable().orElseThrow();
        assertThat(callable.format()).isSameAs(OpenAiChatFormat.INSTANCE);
        assertThat(callable.apiBaseSuffix()).isEqualTo("/serving");
        assertThat(callable.keyHeader()).hasValue("X-Acme-Key");
        assertThat(callable.keyOptional()).isTrue();
        assertThat(callable.drop()).containsExactly("user");
        assertThat(callable.rename()).containsExactly(Map.entry("seed", "random_seed"));
        assertThat(acme.baseUrl()).hasValue("https://api.acme.example/v1");
        assertThat(acme.notes()).hasValue("a test entry");
        assertThat(acme.defaultAuthMode().secretFields().getFirst().required()).isFalse();
    }

    @Test
    void reads_a_not_callable_entry_with_its_reason() {
        ProviderInfo acme = only("""
                {"id": "acme", "display_name": "Acme AI", "not_callable": "needs request signing: not built yet",
                 "docs_url": "https://acme.example/docs"}""");

        assertThat(acme.invocation()).isEqualTo(new Invocation.NotCallable("needs request signing: not built yet"));
        assertThat(acme.callable()).isEmpty();
        assertThat(acme.notCallableReason()).hasValue("needs request signing: not built yet");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'\"docs_url\": \"https://d\"'|exactly one of",
            "'\"wire_format\": \"openai\", \"not_callable\": \"why\", \"docs_url\": \"https://d\"'|exactly one of",
            "'\"wire_format\": \"grpc\", \"docs_url\": \"https://d\"'|unknown wire_format",
            "'\"wire_format\": \"openai\", \"dorp\": [\"user\"], \"docs_url\": \"https://d\"'|unknown field",
            "'\"wire_format\": \"openai\", \"key_header\": \"X-Key: x\", \"docs_url\": \"https://d\"'|not a header name",
            "'\"wire_format\": \"openai\", \"drop\": [\"model\"], \"docs_url\": \"https://d\"'|may not touch [model]",
            "'\"wire_format\": \"openai\", \"rename\": {\"a\": \"stream\"}, \"docs_url\": \"https://d\"'|may not touch [stream]",
            "'\"wire_format\": \"openai\", \"drop\": [\"seed\"], \"rename\": {\"seed\": \"s\"}, \"docs_url\": \"https://d\"'"
                    + "|both dropped and renamed",
            "'\"wire_format\": \"openai\", \"drop\": \"user\", \"docs_url\": \"https://d\"'|expected an array",
            "'\"wire_format\": \"openai\", \"base_url\": \"ftp://x\", \"docs_url\": \"https://d\"'|must be an http(s) URL",
            "'\"wire_format\": \"openai\", \"base_url\": \"https://x/v1/\", \"docs_url\": \"https://d\"'|no trailing",
            "'\"wire_format\": \"openai\", \"api_base_suffix\": \"serving\", \"docs_url\": \"https://d\"'|must start with",
            "'\"wire_format\": \"openai\", \"assistant_thinking\": \"xml\", \"docs_url\": \"https://d\"'|must be 'reasoning_content' or",
            "'\"wire_format\": \"openai\", \"chat_translated\": \" \", \"docs_url\": \"https://d\"'|chat_translated needs a reason",
            "'\"wire_format\": \"openai\", \"also_speaks\": [\"openai\"], \"docs_url\": \"https://d\"'|also_speaks repeats",
            "'\"wire_format\": \"openai\", \"also_speaks\": [\"grpc\"], \"docs_url\": \"https://d\"'|unknown wire_format",
            "'\"not_callable\": \"why\", \"chat_translated\": \"x\", \"docs_url\": \"https://d\"'|only for a provider with a wire_format",
            "'\"not_callable\": \"why\", \"drop\": [\"user\"], \"docs_url\": \"https://d\"'|only for a provider with a wire_format"})
    void refuses_a_malformed_entry_naming_the_provider_and_the_fault(String fields, String fault) {
        assertThatThrownBy(() -> table("{\"id\": \"acme\", \"display_name\": \"Acme\", " + fields + "}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Provider 'acme' in test table")
                .hasMessageContaining(fault);
    }

    @Test
    void refuses_a_provider_listed_twice_and_a_table_that_is_not_json() {
        String entry = "{\"id\": \"acme\", \"display_name\": \"Acme\", \"wire_format\": \"openai\", \"docs_url\": \"https://d\"}";
        assertThatThrownBy(() -> table(entry + ", " + entry.replace("\"acme\"", "\"ACME\"")))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> ProviderTable.parse("{\"providers\": [", "test table"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not JSON");
        assertThatThrownBy(() -> ProviderTable.parse("{\"providers\": []}", "test table"))
                .hasMessageContaining("lists no providers");
    }

    private static ProviderInfo find(String id) {
        return BUNDLED.stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
    }
}
