package dev.switchboard.testing.property;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Hostile JSON bodies: valid requests of a format, mutated a few times each (a value replaced by one
 * of another kind, a field or element removed or duplicated, a field added from the format's own
 * vocabulary), so that most inputs get deep into a parser before something is wrong; and the
 * shrinking that reduces a failing body to a small one.
 */
public final class JsonInputs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_DEPTH = 6;
    private static final List<String> STRINGS = List.of("", " ", "a", "user", "assistant", "system", "tool",
            "model", "function", "text", "image_url", "auto", "none", "required", "json_schema", "high",
            "data:image/png;base64,iVBORw0KGgo=", "https://example.invalid/x.png", "{\"a\":1}", "{", "null",
            "\u0000", "\uD83D\uDE00", "é", "\n\r\t", "x".repeat(300));

    private final List<ObjectNode> seeds;
    private final List<String> vocabulary;

    private JsonInputs(List<ObjectNode> seeds) {
        this.seeds = seeds;
        Set<String> names = new LinkedHashSet<>();
        seeds.forEach(seed -> collectNames(seed, names));
        this.vocabulary = List.copyOf(names);
    }

    /** Inputs grown from these valid bodies (JSON objects, as text). */
    public static JsonInputs from(String... validBodies) {
        List<ObjectNode> seeds = new ArrayList<>();
        for (String body : validBodies) {
            try {
                seeds.add((ObjectNode) JSON.readTree(body));
            } catch (Exception e) {
                throw new IllegalArgumentException("not a JSON object: " + body, e);
            }
        }
        return new JsonInputs(seeds);
    }

    /** A property over mutated bodies, shown as JSON when one fails. */
    public Property<ObjectNode> property(String name) {
        return Property.of(name, this::next, JsonInputs::shrinks, JsonNode::toString);
    }

    /** A seed body with one to five mutations. */
    public ObjectNode next(Random random) {
        return mutated(seeds.get(random.nextInt(seeds.size())), random);
    }

    /** A copy of {@code seed} with one to five mutations, drawing names from this vocabulary. */
    public ObjectNode mutated(ObjectNode seed, Random random) {
        ObjectNode body = seed.deepCopy();
        int mutations = 1 + random.nextInt(5);
        for (int i = 0; i < mutations; i++) {
            mutate(body, random, 0);
        }
        return body;
    }

    /** Mutates one node somewhere below {@code container}, chosen by walking down at random. */
    private void mutate(JsonNode container, Random random, int depth) {
        if (container instanceof ObjectNode object) {
            List<String> fields = fieldNames(object);
            int choice = random.nextInt(10);
            if (fields.isEmpty() || choice == 0) {
                object.set(pick(vocabulary, random), value(random, depth + 1));
                return;
            }
            String field = pick(fields, random);
            JsonNode child = object.get(field);
            if (child.isContainerNode() && child.size() > 0 && choice >= 4) {
                mutate(child, random, depth + 1);
            } else if (choice == 1) {
                object.remove(field);
            } else {
                object.set(field, value(random, depth + 1));
            }
        } else if (container instanceof ArrayNode array) {
            int choice = random.nextInt(10);
            if (array.isEmpty() || choice == 0) {
                array.add(value(random, depth + 1));
                return;
            }
            int index = random.nextInt(array.size());
            JsonNode child = array.get(index);
            if (child.isContainerNode() && child.size() > 0 && choice >= 4) {
                mutate(child, random, depth + 1);
            } else if (choice == 1) {
                array.remove(index);
            } else if (choice == 2) {
                array.insert(index, child.deepCopy());
            } else {
                array.set(index, value(random, depth + 1));
            }
        }
    }

    /** A value of any kind: scalars at their edges, or small containers using the format's names. */
    private JsonNode value(Random random, int depth) {
        int kind = random.nextInt(depth >= MAX_DEPTH ? 7 : 10);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(pick(List.of(0, 1, -1, 2, 100, Integer.MAX_VALUE, Integer.MIN_VALUE), random));
            case 3 -> NODES.numberNode(pick(List.of(0.5, -0.0, 1e308, -1e-308, 2.5), random));
            case 4 -> random.nextBoolean() ? NODES.numberNode(new BigInteger("123456789012345678901234567890"))
                    : NODES.numberNode(new BigDecimal("1e400"));
            case 5, 6 -> NODES.textNode(random.nextBoolean() ? pick(STRINGS, random) : pick(vocabulary, random));
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(3); i > 0; i--) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    object.set(pick(vocabulary, random), value(random, depth + 1));
                }
                yield object;
            }
        };
    }

    /** Smaller variants of a failing body: a field or element fewer, or one of them made smaller. */
    public static List<ObjectNode> shrinks(ObjectNode body) {
        List<ObjectNode> smaller = new ArrayList<>();
        for (JsonNode variant : shrinksOf(body)) {
            if (variant instanceof ObjectNode object) {
                smaller.add(object);
            }
        }
        return smaller;
    }

    private static List<JsonNode> shrinksOf(JsonNode node) {
        List<JsonNode> smaller = new ArrayList<>();
        if (node instanceof ObjectNode object) {
            for (String field : fieldNames(object)) {
                ObjectNode without = object.deepCopy();
                without.remove(field);
                smaller.add(without);
            }
            for (String field : fieldNames(object)) {
                for (JsonNode child : shrinksOf(object.get(field))) {
                    ObjectNode with = object.deepCopy();
                    with.set(field, child);
                    smaller.add(with);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                ArrayNode without = array.deepCopy();
                without.remove(i);
                smaller.add(without);
            }
            for (int i = 0; i < array.size(); i++) {
                for (JsonNode child : shrinksOf(array.get(i))) {
                    ArrayNode with = array.deepCopy();
                    with.set(i, child);
                    smaller.add(with);
                }
            }
        } else if (node.isTextual() && node.asText().length() > 1) {
            smaller.add(NODES.textNode(node.asText().substring(0, node.asText().length() / 2)));
        } else if (node.isNumber() && !node.asText().equals("0")) {
            smaller.add(NODES.numberNode(0));
        }
        return smaller;
    }

    private static List<String> fieldNames(ObjectNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static void collectNames(JsonNode node, Set<String> names) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                names.add(field.getKey());
                collectNames(field.getValue(), names);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> collectNames(child, names));
        }
    }

    private static <T> T pick(List<T> choices, Random random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
