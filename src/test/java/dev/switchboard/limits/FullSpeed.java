package dev.switchboard.limits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.TestGateway;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Clients calling replicas as fast as they can, each until it is refused (429) three times in a row. */
final class FullSpeed {

    private FullSpeed() {
    }

    /** The OpenAI chat call the replica tests make, to the endpoint {@code gpt}. */
    static final String CHAT = """
            {"model": "gpt", "messages": [{"role": "user", "content": "hi"}]}""";

    /**
     * Runs {@code clientsPerReplica} clients on each replica, each sending {@link #CHAT} until
     * refused three times in a row; each refusal is checked by {@code refusal}. Answers how many
     * calls were served (200); any other status fails the test.
     */
    static int callUntilRefused(List<TestGateway> replicas, int clientsPerReplica,
                                Consumer<HttpResponse<String>> refusal) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(replicas.size() * clientsPerReplica);
        try {
            AtomicInteger served = new AtomicInteger();
            List<Future<?>> runs = new ArrayList<>();
            for (TestGateway replica : replicas) {
                for (int c = 0; c < clientsPerReplica; c++) {
                    runs.add(clients.submit(() -> {
                        int refusedInARow = 0;
                        while (refusedInARow < 3) {
                            HttpResponse<String> answer = replica.sendRaw("POST", "/gateway/openai/v1/chat/completions",
                                    CHAT);
                            if (answer.statusCode() == 200) {
                                served.incrementAndGet();
                                refusedInARow = 0;
                            } else {
                                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(429);
                                refusal.accept(answer);
                                refusedInARow++;
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> run : runs) {
                run.get();
            }
            return served.get();
        } finally {
            clients.shutdownNow();
        }
    }
}
