package org.neuristor.studio;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.neuristor.cli.CliHarness;
import org.neuristor.io.Json;

/** A studio server on a temporary output folder, and HTTP calls to it as the page makes them. */
final class StudioFixture implements AutoCloseable {
  final StudioServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  StudioFixture(Path out, int workers) throws Exception {
    server = StudioServer.start(new StudioServer.Config("127.0.0.1", 0, out, workers,
        StudioServer.Config.DEFAULT_MAX_BODY, null));
  }

  String base() {
    return "http://127.0.0.1:" + server.port() + "/";
  }

  /** A response: status and body. */
  record Reply(int status, String body) {
    JsonNode json() throws IOException {
      return Json.mapper().readTree(body);
    }
  }

  Reply get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base() + path)).header("X-Neuristor-Token", server.token()).GET());
  }

  Reply post(String path, Object body) throws Exception {
    String text = body instanceof String s ? s : Json.write(body);
    return send(HttpRequest.newBuilder(URI.create(base() + path)).header("X-Neuristor-Token", server.token())
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(text)));
  }

  Reply send(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  /** Starts a job and waits for it to end; returns the job (state, view or error). */
  JsonNode run(String kind, Object body) throws Exception {
    Reply r = post("api/run/" + kind, body);
    if (r.status() != 202) {
      throw new AssertionError("run " + kind + ": HTTP " + r.status() + " " + r.body());
    }
    return await(r.json().get("id").asText());
  }

  JsonNode await(String id) throws Exception {
    long end = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < end) {
      JsonNode j = get("api/job/" + id + "?wait=5000").json();
      String s = j.get("state").asText();
      if (!s.equals("queued") && !s.equals("running")) {
        return j;
      }
    }
    throw new AssertionError("job " + id + " did not end within 120 s");
  }

  /** The CLI's {@code --json} summary for the same run, in-process. */
  static JsonNode cli(String... args) throws IOException {
    CliHarness.Result r = CliHarness.run(args);
    if (r.code() != 0) {
      throw new AssertionError("CLI exit " + r.code() + ": " + r.err());
    }
    return Json.mapper().readTree(r.out());
  }

  @Override
  public void close() {
    server.close();
  }
}
