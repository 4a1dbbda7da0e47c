package org.neuristor.studio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The studio's HTTP API as the page uses it, with the JDK's HttpClient: results, errors, security, load. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StudioApiTest {
  @TempDir static Path out;
  StudioFixture f;

  @BeforeAll
  void start() throws Exception {
    f = new StudioFixture(out, 2);
  }

  @AfterAll
  void stop() {
    f.close();
  }

  @Test
  void lifRateEqualsTheCli() throws Exception {
    JsonNode job = f.run("neuron", Map.of("circuit", "lif", "params", Map.of("cm", "2n")));
    assertThat(job.get("state").asText()).isEqualTo("done");
    JsonNode v = job.get("view");
    JsonNode cli = StudioFixture.cli("neuron", "run", "lif", "--param", "cm=2n", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(v.get("values").get("rate_hz").asDouble()).isEqualTo(cli.get("rate_hz").asDouble());
    assertThat(v.get("values").get("spikes").asInt()).isEqualTo(cli.get("spikes").asInt()).isGreaterThan(2);
    assertThat(v.get("command").asText()).isEqualTo("./neuristor neuron run lif --param cm=2n --json");
    assertThat(v.get("netlist").asText()).contains(".param cm=2n").contains(".tran");
    assertThat(v.get("panels")).hasSize(3);
    // the CSV download has the CLI's columns and is written inside the output folder
    StudioFixture.Reply csv = f.get("api/job/" + job.get("id").asText() + "/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.body()).startsWith("time,v(in),v(m),v(o)");
    assertThat(out.resolve("studio/" + v.get("csvName").asText())).exists();
  }

  /**
   * Downloads are named by their run: two lif runs that differ in cm used to download as the same lif.csv (the
   * second overwriting the first in the user's folder and in OUT/studio/), and so did the model page's lif.
   */
  @Test
  void downloadsOfDifferentRunsHaveDifferentNames() throws Exception {
    JsonNode a = f.run("neuron", Map.of("circuit", "lif", "params", Map.of("cm", "2n", "tstop", "30u")));
    JsonNode b = f.run("neuron", Map.of("circuit", "lif", "params", Map.of("cm", "3n", "tstop", "30u")));
    JsonNode again = f.run("neuron", Map.of("circuit", "lif", "params", Map.of("cm", "2n", "tstop", "30u")));
    JsonNode model = f.run("model", Map.of("model", "lif", "duration", "50ms"));
    String na = a.get("view").get("csvName").asText();
    String nb = b.get("view").get("csvName").asText();
    assertThat(na).matches("lif-[0-9a-f]{8}\\.csv");
    assertThat(nb).matches("lif-[0-9a-f]{8}\\.csv").isNotEqualTo(na);
    assertThat(again.get("view").get("csvName").asText()).as("the same run again").isEqualTo(na);
    assertThat(model.get("view").get("csvName").asText()).startsWith("model-lif-");
    String ca = f.get("api/job/" + a.get("id").asText() + "/csv").body();
    String cb = f.get("api/job/" + b.get("id").asText() + "/csv").body();
    assertThat(ca).isNotEqualTo(cb);
    // both files stay, each with its own run's data
    assertThat(Files.readString(out.resolve("studio/" + na))).isEqualTo(ca);
    assertThat(Files.readString(out.resolve("studio/" + nb))).isEqualTo(cb);
  }

  /**
   * A long job reports what it is doing out of how many, and the time left at its pace once 5% is done: here a
   * Monte Carlo of 400 devices on a one-worker server (it used to report only a fraction).
   */
  @Test
  void aLongJobReportsItsStageAndTheTimeLeft() throws Exception {
    try (StudioFixture one = new StudioFixture(out, 1)) {
      String id = one.post("api/run/mc", Map.of("model", "ts:nbox", "devices", "400", "seed", "1")).json()
          .get("id").asText();
      long end = System.nanoTime() + 60_000_000_000L;
      JsonNode j = one.get("api/job/" + id).json();
      while (!(j.get("state").asText().equals("running") && j.get("progress").asDouble() >= 0.06)) {
        assertThat(j.get("state").asText()).isIn("queued", "running");
        assertThat(System.nanoTime()).as("the Monte Carlo did not get to 6%").isLessThan(end);
        Thread.sleep(20);
        j = one.get("api/job/" + id).json();
      }
      Matcher m = Pattern.compile("device (\\d+) of 400").matcher(j.get("stage").asText());
      assertThat(m.matches()).as(j.get("stage").asText()).isTrue();
      // the stage and the fraction are the same count
      assertThat(Integer.parseInt(m.group(1)) - 1).isEqualTo((int) Math.round(j.get("progress").asDouble() * 400));
      assertThat(j.get("remaining_s").asDouble()).isPositive();
      one.post("api/job/" + id + "/cancel", "{}");
    }
  }

  /**
   * Every circuit's paired-pulse pulse is in the catalogue (the page's field starts with it), and the studio's
   * refractory period with it is the CLI's, run as {@code neuron run wang --refractory} without --stim.
   */
  @Test
  void theRefractoryPulseOfEachCircuitGivesTheCliPeriod() throws Exception {
    JsonNode cat = f.get("api/catalogue").json().get("circuits");
    String wang = null;
    for (JsonNode c : cat) {
      assertThat(c.get("refractory_pulse").asText()).as(c.get("name").asText()).startsWith("pulse:");
      if (c.get("name").asText().equals("wang")) {
        wang = c.get("refractory_pulse").asText();
      }
    }
    JsonNode job = f.run("refractory", Map.of("circuit", "wang", "stim", wang));
    JsonNode cli = StudioFixture.cli("neuron", "run", "wang", "--refractory", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(cli.get("refractory_s").isNull()).isFalse();
    assertThat(job.get("view").get("values").get("refractory_s").asDouble()).isEqualTo(cli.get("refractory_s")
        .asDouble());
  }

  @Test
  void theFvCurveReportsARheobaseTheRunLengthSetAsNullWithItsReason() throws Exception {
    // as neuron fi: pickett's 400 ns runs bisect to 0.279708 V, but 0.279419 V fires in a 1.6 us run; the page showed
    // 0.2798 V before, now an empty rheobase_V and the bound in rheobase_reason, the CLI's text
    JsonNode job = f.run("fv", Map.of("circuit", "pickett", "from", "0", "to", "0.5", "points", "20"));
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
    JsonNode v = job.get("view").get("values");
    JsonNode cli = StudioFixture.cli("neuron", "fi", "pickett", "--to", "0.5", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(v.get("rheobase_V").isNull()).as(v.toString()).isTrue();
    assertThat(v.get("rheobase_reason").asText()).contains("below 0.279708 V")
        .isEqualTo(cli.get("rheobase_reason").asText());
  }

  @Test
  void theStimulusGoesIntoTheCommandAndTheModelFileRunsInTheCli() throws Exception {
    String stim = "pulse:amp=0.3,width=100n,delay=10n";
    JsonNode job = f.run("neuron", Map.of("circuit", "pickett", "stim", stim));
    JsonNode v = job.get("view");
    assertThat(v.get("command").asText()).isEqualTo("./neuristor neuron run pickett --stim " + stim + " --json");
    JsonNode cli = StudioFixture.cli("neuron", "run", "pickett", "--stim", stim, "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(v.get("values").get("amplitude_V").asDouble()).isEqualTo(cli.get("amplitude_V").asDouble());
    // the model page's "show model file" text is a file that model run --file reads back
    JsonNode model = f.run("model", Map.of("model", "adex", "params", Map.of("b", "500", "tau_w", "20")));
    Path file = out.resolve("adex.yaml");
    Files.writeString(file, model.get("view").get("netlist").asText());
    JsonNode fromFile = StudioFixture.cli("model", "run", "--file", file.toString(), "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(fromFile.get("spike_times_s")).isEqualTo(model.get("view").get("values").get("spike_times_s"));
    assertThat(model.get("view").get("values").get("spikes").asInt()).isGreaterThan(0);
  }

  @Test
  void requestsWithoutTheTokenAreRefused() throws Exception {
    for (String p : List.of("", "app.js", "api/catalogue", "api/results", "api/file?path=x.png")) {
      StudioFixture.Reply r = f.send(HttpRequest.newBuilder(URI.create(f.base() + p)).GET());
      assertThat(r.status()).as(p).isEqualTo(401);
      assertThat(r.body()).contains("access token");
      StudioFixture.Reply wrong = f.send(HttpRequest.newBuilder(URI.create(f.base() + p))
          .header("X-Neuristor-Token", f.server.token() + "0").GET());
      assertThat(wrong.status()).as(p).isEqualTo(401);
    }
    StudioFixture.Reply post = f.send(HttpRequest.newBuilder(URI.create(f.base() + "api/run/neuron"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"circuit\":\"lif\"}")));
    assertThat(post.status()).isEqualTo(401);
    // the page opened with ?token= gets a cookie for its assets and downloads
    StudioFixture.Reply page = f.send(HttpRequest.newBuilder(URI.create(f.server.url())).GET());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Neuristor Studio");
  }

  @Test
  void aForeignHostHeaderIsRefused() throws Exception {
    try (Socket s = new Socket("127.0.0.1", f.server.port())) {
      OutputStream o = s.getOutputStream();
      o.write(("GET /api/catalogue HTTP/1.1\r\nHost: attacker.example:" + f.server.port() + "\r\nX-Neuristor-Token: "
          + f.server.token() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      o.flush();
      String status = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
      assertThat(status).contains("403");
    }
  }

  @Test
  void pathsOutsideTheOutputFolderAreRefused() throws Exception {
    Path outside = Files.createTempFile("studio-outside", ".csv");
    Files.writeString(outside, "hidden,1\n");
    Files.createDirectories(out.resolve("inner"));
    Files.createSymbolicLink(out.resolve("inner/link.csv"), outside);
    try {
      for (String p : List.of("../" + outside.getFileName(), outside.toString(), "inner/../../x.csv", "inner/link.csv",
          "%2e%2e/x.csv", "inner/%2e%2e/%2e%2e/x.csv")) {
        StudioFixture.Reply r = f.get("api/file?path=" + p);
        assertThat(r.status()).as(p).isEqualTo(403);
        assertThat(r.body()).contains("outside the output folder").doesNotContain("hidden,1");
      }
      StudioFixture.Reply open = f.post("api/run/results", Map.of("path", "../.."));
      assertThat(open.status()).isEqualTo(403);
      // inside is fine
      Files.writeString(out.resolve("inner/ok.csv"), "a,b\n1,2\n");
      assertThat(f.get("api/file?path=inner/ok.csv").body()).isEqualTo("a,b\n1,2\n");
    } finally {
      Files.deleteIfExists(outside);
    }
  }

  @Test
  void aTenMegabyteUploadIsRefusedWithAMessage() throws Exception {
    String big = "{\"files\":{\"big.cir\":\"" + "*".repeat(10 * 1024 * 1024) + "\"}}";
    // several times: the reply used to race the client's upload (the server closed before the body was sent,
    // and the client saw a reset instead of the 413); the refused body is now read before the reply
    for (int k = 0; k < 3; k++) {
      StudioFixture.Reply r = f.post("api/run/netlist", big);
      assertThat(r.status()).isEqualTo(413);
      assertThat(r.json().get("error").asText()).startsWith("error: upload too large: 10.0 MB")
          .contains("2 MB per request");
    }
    // the server still answers
    assertThat(f.get("api/status").status()).isEqualTo(200);
  }

  @Test
  void includeCannotReachOutsideTheUpload() throws Exception {
    Path secret = Files.createTempFile("studio-include", ".inc");
    Files.writeString(secret, "rsecret a 0 1k\n");
    try {
      // .include, and .lib with a section (read the same way): refused at their line, saying why
      for (String inc : List.of(".include " + secret, ".include \"" + secret + "\"", ".include /etc/passwd",
          ".lib " + secret + " top", ".lib /etc/passwd top")) {
        String net = "include test\n" + inc + "\nv1 a 0 1\nr1 a 0 1k\n.op\n.end\n";
        JsonNode job = f.run("netlist", Map.of("files", Map.of("main.cir", net)));
        assertThat(job.get("state").asText()).as(inc).isEqualTo("failed");
        assertThat(job.get("error").asText()).as(inc).startsWith("error: main.cir:2:1: cannot include ")
            .contains(": an absolute path reaches outside the uploaded files").doesNotContain("rsecret")
            .doesNotContain("root:");
      }
      for (String inc : List.of(".include ../../../../../../" + secret, ".include ../" + secret.getFileName(),
          ".include sub/../../x.inc")) {
        String net = "include test\n" + inc + "\nv1 a 0 1\nr1 a 0 1k\n.op\n.end\n";
        JsonNode job = f.run("netlist", Map.of("files", Map.of("main.cir", net)));
        assertThat(job.get("state").asText()).as(inc).isEqualTo("failed");
        assertThat(job.get("error").asText()).as(inc).startsWith("error: main.cir:2:1: cannot include ")
            .contains(": '..' leads outside the uploaded files").doesNotContain("rsecret");
      }
      // an uploaded file can be included, also from a folder and back up with '..' inside the upload
      JsonNode ok = f.run("netlist", Map.of("main", "main.cir", "files", Map.of(
          "main.cir", "include test\n.include parts.inc\n.include lib/more.inc\nv1 a 0 1\n.op\n.end\n",
          "parts.inc", "r1 a 0 1k\n", "lib/more.inc", ".include ../lib/../last.inc\n", "last.inc", "r2 a 0 2k\n")));
      assertThat(ok.get("state").asText()).as(ok.toString()).isEqualTo("done");
      assertThat(ok.get("view").get("values").get("signals").toString()).contains("v(a)");
      // an included file's own escape is named at its own line, by its path in the upload
      JsonNode nested = f.run("netlist", Map.of("main", "main.cir", "files", Map.of(
          "main.cir", "include test\n.include lib/more.inc\nv1 a 0 1\n.op\n.end\n",
          "lib/more.inc", "* more\n  .include ../../x.inc\n")));
      assertThat(nested.get("error").asText()).isEqualTo("error: lib/more.inc:2:3: cannot include ../../x.inc: '..'"
          + " leads outside the uploaded files; upload the folder that holds both files, or name the file relative to"
          + " lib/more.inc inside it");
    } finally {
      Files.deleteIfExists(secret);
    }
  }

  /**
   * A netlist uploaded with the files it includes, as a folder (paths kept) or as a zip, runs as {@code run} runs it
   * on disk: examples/lif-vo2fit.cir includes models/vo2-galloni2024.model, and used to fail with "cannot read
   * included file" because an upload kept only file names. A missing include is named at its file:line:col.
   */
  @Test
  void aNetlistUploadedWithItsIncludesRunsAsTheCliRunsIt() throws Exception {
    Path ex = Path.of("../examples");
    String net = Files.readString(ex.resolve("lif-vo2fit.cir"));
    String card = Files.readString(ex.resolve("models/vo2-galloni2024.model"));
    Path cliOut = out.resolve("cli-vo2fit");
    JsonNode cli = StudioFixture.cli("run", ex.resolve("lif-vo2fit.cir").toString(), "--json", "--no-plot", "--out",
        cliOut.toString()).get("analyses").get(0);
    String cliCsv = Files.readString(cliOut.resolve("lif-vo2fit.tran.csv"));

    // a folder upload: each file under its path in the folder (the page drops the chosen folder's own name)
    JsonNode folder = f.run("netlist", Map.of("files", Map.of("lif-vo2fit.cir", net,
        "models/vo2-galloni2024.model", card, "README.txt", "not a netlist\n")));
    assertThat(folder.get("state").asText()).as(folder.toString()).isEqualTo("done");
    JsonNode v = folder.get("view").get("values");
    assertThat(v.get("netlist").asText()).isEqualTo("lif-vo2fit.cir");
    assertThat(v.get("steps_accepted").asLong()).isEqualTo(cli.get("steps_accepted").asLong()).isEqualTo(30009);
    assertThat(v.get("newton_iterations").asLong()).isEqualTo(cli.get("newton_iterations").asLong());
    assertThat(f.get("api/job/" + folder.get("id").asText() + "/csv").body()).isEqualTo(cliCsv);

    // a zip of the folder (with its top folder, as zipping a folder makes it)
    String zip = zip(Map.of("lif/", "", "lif/lif-vo2fit.cir", net, "lif/models/vo2-galloni2024.model", card));
    JsonNode zipped = f.run("netlist", Map.of("zipName", "lif.zip", "zip", zip));
    assertThat(zipped.get("state").asText()).as(zipped.toString()).isEqualTo("done");
    assertThat(zipped.get("view").get("values").get("steps_accepted").asLong()).isEqualTo(30009);
    assertThat(zipped.get("view").get("netlist").asText()).isEqualTo(net);
    assertThat(f.get("api/job/" + zipped.get("id").asText() + "/csv").body()).isEqualTo(cliCsv);

    // the netlist alone: the missing include named at its line and column, and what was uploaded
    JsonNode alone = f.run("netlist", Map.of("files", Map.of("lif-vo2fit.cir", net)));
    assertThat(alone.get("error").asText()).isEqualTo("error: lif-vo2fit.cir:10:1: cannot read included file"
        + " models/vo2-galloni2024.model (models/vo2-galloni2024.model is not among the uploaded files)");
    assertThat(alone.get("exit_code").asInt()).isEqualTo(2);
    // the model card chosen as a file beside it, without its folder: said so
    JsonNode flat = f.run("netlist", Map.of("files", Map.of("lif-vo2fit.cir", net, "vo2-galloni2024.model", card)));
    assertThat(flat.get("error").asText()).isEqualTo("error: lif-vo2fit.cir:10:1: cannot read included file"
        + " models/vo2-galloni2024.model (models/vo2-galloni2024.model is not among the uploaded files;"
        + " vo2-galloni2024.model is: keep the folders as the netlist names them (upload the folder, or a zip of it))");
  }

  /** Upload paths stay inside the upload: a '..' or absolute name, in the request or in a zip, is refused. */
  @Test
  void uploadPathsThatLeaveTheUploadAreRefused() throws Exception {
    for (String bad : List.of("../x.cir", "/etc/x.cir", "a/../../x.cir", "a//x.cir", "a\\x.cir", "./x.cir")) {
      JsonNode j = f.run("netlist", Map.of("files", Map.of(bad, "t\nv1 a 0 1\n.op\n")));
      assertThat(j.get("state").asText()).as(bad).isEqualTo("failed");
      assertThat(j.get("error").asText()).as(bad).startsWith("error: upload file name '" + bad + "'");
    }
    JsonNode j = f.run("netlist", Map.of("zipName", "up.zip",
        "zip", zip(Map.of("main.cir", "t\nv1 a 0 1\n.op\n", "../evil.cir", "x"))));
    assertThat(j.get("error").asText()).startsWith("error: up.zip: upload file name '../evil.cir': '..' is not taken");
    JsonNode notZip = f.run("netlist", Map.of("zipName", "up.zip", "zip", "bm90IGEgemlw"));
    assertThat(notZip.get("error").asText()).startsWith("error: up.zip: ");
    // two netlists at the top and none named: the page must say which
    JsonNode two = f.run("netlist", Map.of("files", Map.of("a.cir", "t\nv1 a 0 1\n.op\n", "b.cir", "t\n.op\n")));
    assertThat(two.get("error").asText()).isEqualTo("error: the upload has 2 netlists (a.cir, b.cir): choose the one"
        + " to run");
  }

  /**
   * Your own device in the studio: the fit is {@code fit}'s own code (same parameters, cost, metrics, card and
   * parameter table as the CLI on the same file and options), the command it shows repeats it, the card checks on a
   * held-out file as {@code fit check} does and exports as {@code device export} does. The studio had no fit.
   */
  @Test
  void aFitIsTheCliFitAndItsCardChecksAndExportsAsTheCliDoes() throws Exception {
    Path data = Path.of("../examples/data/vo2-galloni2024/iv_dc_dual_sweep.csv");
    Path pulse = Path.of("../examples/data/vo2-galloni2024/pulses/4.5V_0.01s_68.5C.csv");
    Path cliOut = out.resolve("cli-fit");
    JsonNode cli = StudioFixture.cli("fit", "ts", "--iv", data.toString(), "--starts", "2", "--iterations", "5",
        "--json", "--no-plot", "--out", cliOut.toString());
    // with a row of NaN cells at its end: skipped, and said, as the CLI skips and says it
    JsonNode job = f.run("fit", Map.of("type", "ts", "starts", "2", "iterations", "5", "files", List.of(Map.of(
        "name", "iv_dc_dual_sweep.csv", "kind", "iv", "conditions", "", "text", Files.readString(data)
        + "421,NaN,NaN,NaN,NaN\r\n"))));
    assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("done");
    JsonNode v = job.get("view").get("values");
    for (String k : List.of("type", "name", "parameters", "correlations", "cost", "evaluations", "simulations", "seed")) {
      assertThat(v.get(k)).as(k).isEqualTo(cli.get(k));
    }
    assertThat(withoutFile(v.get("files").get(0))).isEqualTo(withoutFile(cli.get("files").get(0)));
    assertThat(v.get("warnings").toString()).contains("iv_dc_dual_sweep.csv").contains("1 row");
    String card = job.get("view").get("netlist").asText();
    assertThat(card).contains(".model tsfit ts (");
    assertThat(modelLines(card)).isEqualTo(modelLines(Files.readString(cliOut.resolve("tsfit.model"))));
    assertThat(f.get("api/job/" + job.get("id").asText() + "/csv").body())
        .isEqualTo(Files.readString(cliOut.resolve("tsfit.params.csv")));
    // one panel per file: measured and model current
    assertThat(job.get("view").get("panels")).hasSize(1);
    assertThat(job.get("view").get("panels").get(0).get("series")).hasSize(2);
    // the command shown runs as it is (on the files the studio saved) and gives the same fit
    String cmd = job.get("view").get("command").asText();
    assertThat(cmd).startsWith("./neuristor fit ts --iv ").contains(" --starts 2 --iterations 5 --out ")
        .endsWith(" --json");
    JsonNode again = StudioFixture.cli(cmd.substring("./neuristor ".length()).split(" "));
    assertThat(again.get("parameters")).isEqualTo(v.get("parameters"));
    assertThat(again.get("files")).isEqualTo(v.get("files"));

    // held out: the card on a pulse file it was not fitted to
    JsonNode check = f.run("fitcheck", Map.of("card", card, "cardName", "tsfit.model", "files", List.of(Map.of(
        "name", pulse.getFileName().toString(), "kind", "pulse", "conditions", "", "text", Files.readString(pulse)))));
    assertThat(check.get("state").asText()).as(check.toString()).isEqualTo("done");
    JsonNode cliCheck = StudioFixture.cli("fit", "check", cliOut.resolve("tsfit.model").toString(), "--pulse",
        pulse.toString(), "--json", "--no-plot", "--out", out.resolve("cli-check").toString());
    assertThat(withoutFile(check.get("view").get("values").get("files").get(0)))
        .isEqualTo(withoutFile(cliCheck.get("files").get(0)));
    assertThat(check.get("view").get("panels")).hasSize(1);

    // export to SPICE
    JsonNode export = f.run("export", Map.of("card", card, "cardName", "tsfit.model"));
    assertThat(export.get("state").asText()).as(export.toString()).isEqualTo("done");
    JsonNode cliExport = StudioFixture.cli("device", "export", cliOut.resolve("tsfit.model").toString(), "--json");
    assertThat(modelLines(export.get("view").get("netlist").asText())).isEqualTo(modelLines(cliExport.get("netlist")
        .asText())).contains(".subckt tsfit p n");
    assertThat(Path.of(export.get("view").get("values").get("file").asText())).exists();
    // the other formats: the CLI's LTspice subcircuit and Verilog-A module, in NAME.lib and NAME.va
    for (String format : List.of("ltspice", "verilog-a")) {
      JsonNode other = f.run("export", Map.of("card", card, "cardName", "tsfit.model", "format", format));
      assertThat(other.get("state").asText()).as(other.toString()).isEqualTo("done");
      JsonNode cliOther = StudioFixture.cli("device", "export", cliOut.resolve("tsfit.model").toString(), "--format", format,
          "--json");
      assertThat(modelLines(other.get("view").get("netlist").asText()))
          .isEqualTo(modelLines(cliOther.get("netlist").asText()));
      assertThat(other.get("view").get("values").get("format").asText()).isEqualTo(format);
      assertThat(other.get("view").get("command").asText()).endsWith("--format " + format);
      assertThat(other.get("view").get("values").get("file").asText()).endsWith(format.equals("ltspice") ? "tsfit.lib" : "tsfit.va");
    }
    JsonNode unknown = f.run("export", Map.of("card", card, "cardName", "tsfit.model", "format", "spectre"));
    assertThat(unknown.get("error").asText()).isEqualTo("error: --format: unknown format 'spectre' (formats: ngspice, ltspice, "
        + "verilog-a)");
    // the name names the file: a path is refused
    JsonNode named = f.run("export", Map.of("card", card, "cardName", "tsfit.model", "name", "../../x"));
    assertThat(named.get("error").asText()).startsWith("error: upload file name '../../x'");
    assertThat(out.resolve("x.sub")).doesNotExist();
    // a card that does not export: the command's message, and no folder left
    String spread = card.replace(".model tsfit ts (", ".model tsfit ts (d2d_v=0.1 ");
    JsonNode refused = f.run("export", Map.of("card", spread, "cardName", "spread.model"));
    assertThat(refused.get("state").asText()).isEqualTo("failed");
    assertThat(refused.get("error").asText()).startsWith("error: ").contains("d2d_v");
    try (java.util.stream.Stream<Path> all = Files.list(out.resolve("studio"))) {
      assertThat(all.filter(p -> Files.exists(p.resolve("spread.model"))).toList()).isEmpty();
    }
  }

  /**
   * A fit that fails (a file that does not read) gives the command's file:line:col message and leaves no folder; a
   * fit cancelled while it runs stops, frees its worker and leaves no folder.
   */
  @Test
  void aFailedOrCancelledFitLeavesNoFiles() throws Exception {
    JsonNode bad = f.run("fit", Map.of("type", "ts", "files", List.of(Map.of("name", "bad.csv", "kind", "iv",
        "conditions", "", "text", "Voltage (V),Current (A)\n0.1,1e-6\n0.2,oops\n"))));
    assertThat(bad.get("state").asText()).isEqualTo("failed");
    assertThat(bad.get("error").asText()).startsWith("error: ").contains("bad.csv:3:").doesNotContain("Exception");
    assertThat(bad.get("exit_code").asInt()).isEqualTo(2);
    assertThat(fitFolders()).isEmpty();
    JsonNode synapse = f.run("fit", Map.of("type", "synapse", "files", List.of()));
    assertThat(synapse.get("error").asText()).isEqualTo("error: the studio fits ts, mott, vo2, diffusive, ots (a .model"
        + " card); a synapse's conductance-vs-pulse data: ./neuristor fit synapse --pulses FILE");
    // a wrong protocol is said before anything is saved
    JsonNode kind = f.run("fit", Map.of("type", "ts", "files", List.of(Map.of("name", "a.csv", "kind", "dc",
        "conditions", "", "text", "x"))));
    assertThat(kind.get("error").asText()).isEqualTo("error: a.csv: give the protocol of the file: iv (a DC sweep) or"
        + " pulse (a transient), got 'dc'");

    Path data = Path.of("../examples/data/vo2-galloni2024/iv_dc_dual_sweep.csv");
    StudioFixture.Reply r = f.post("api/run/fit", Map.of("type", "vo2", "files", List.of(Map.of("name", "sweep.csv",
        "kind", "iv", "conditions", "ambient=fit", "text", Files.readString(data)))));
    String id = r.json().get("id").asText();
    long end = System.nanoTime() + 60_000_000_000L;
    JsonNode j = f.get("api/job/" + id).json();
    while (System.nanoTime() < end && !(j.get("state").asText().equals("running") && j.hasNonNull("stage"))) {
      Thread.sleep(100);
      j = f.get("api/job/" + id).json();
    }
    assertThat(j.get("stage").asText()).startsWith("fit ");
    assertThat(f.post("api/job/" + id + "/cancel", Map.of()).status()).isEqualTo(200);
    assertThat(f.await(id).get("state").asText()).isEqualTo("cancelled");
    long stop = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < stop && (f.get("api/status").json().get("running").asInt() > 0 || !fitFolders().isEmpty())) {
      Thread.sleep(100);
    }
    assertThat(f.get("api/status").json().get("running").asInt()).isZero();
    assertThat(fitFolders()).isEmpty();
  }

  /** The fit folders in OUT/studio/ (a finished fit's remain; these tests' failed ones must not). */
  private static List<Path> fitFolders() throws java.io.IOException {
    Path studio = out.resolve("studio");
    if (!Files.isDirectory(studio)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> all = Files.list(studio)) {
      return all.filter(p -> p.getFileName().toString().startsWith("fit-") && Files.isDirectory(p)
          && !Files.exists(p.resolve("tsfit.model"))).toList();
    }
  }

  /** A metrics object without its "file" (the path differs: the studio's saved copy). */
  private static JsonNode withoutFile(JsonNode metrics) {
    com.fasterxml.jackson.databind.node.ObjectNode o = metrics.deepCopy();
    o.remove("file");
    return o;
  }

  /** The lines of a card or subcircuit that are not comments (the comments name the files' paths). */
  private static List<String> modelLines(String text) {
    return text.lines().filter(l -> !l.startsWith("*") && !l.startsWith("//")).toList();
  }

  /** A zip file (base64) of these entries, in name order; a name ending in '/' is a folder. */
  static String zip(Map<String, String> entries) throws java.io.IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(bytes)) {
      for (String name : new java.util.TreeSet<>(entries.keySet())) {
        z.putNextEntry(new java.util.zip.ZipEntry(name));
        z.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
      }
    }
    return java.util.Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  @Test
  void errorsAreTheCliOneLineMessage() throws Exception {
    JsonNode job = f.run("neuron", Map.of("circuit", "lif", "params", Map.of("cm", "abc")));
    assertThat(job.get("state").asText()).isEqualTo("failed");
    String msg = job.get("error").asText();
    org.neuristor.cli.CliHarness.Result cli = org.neuristor.cli.CliHarness.run("neuron", "run", "lif", "--param",
        "cm=abc", "--no-plot", "--out", out.resolve("cli").toString());
    assertThat(cli.code()).isEqualTo(job.get("exit_code").asInt()).isEqualTo(2);
    assertThat(msg).isEqualTo(cli.err().strip()).doesNotContain("\n").doesNotContain("Exception")
        .doesNotContain("\tat ");
    JsonNode unknown = f.run("neuron", Map.of("circuit", "nosuch"));
    assertThat(unknown.get("error").asText()).startsWith("error: ").doesNotContain("Exception");
    assertThat(f.post("api/run/neuron", "{not json").status()).isEqualTo(400);
    assertThat(f.post("api/run/nosuchkind", "{}").status()).isEqualTo(404);
  }

  @Test
  void aNewRunInTheSameSlotCancelsThePreviousOneAndFreesItsWorker() throws Exception {
    try (StudioFixture one = new StudioFixture(out, 1)) {
      // 50 ms of the 1TS-1C neuron: millions of steps, far longer than this test waits
      JsonNode longJob = one.post("api/run/neuron", Map.of("slot", "s", "circuit", "lif", "params",
          Map.of("tstop", "50m"))).json();
      String id = longJob.get("id").asText();
      long end = System.nanoTime() + 30_000_000_000L;
      while (one.get("api/job/" + id + "?wait=200").json().get("progress").asDouble() == 0
          && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      long t0 = System.nanoTime();
      JsonNode quick = one.run("neuron", Map.of("slot", "s", "circuit", "lif"));
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(one.get("api/job/" + id).json().get("state").asText()).isEqualTo("cancelled");
      assertThat(quick.get("state").asText()).isEqualTo("done");
      // one worker: the quick run could only start once the long simulation had really stopped
      assertThat(seconds).isLessThan(15);
      // explicit cancel of a running job
      String id2 = one.post("api/run/neuron", Map.of("circuit", "lif", "params", Map.of("tstop", "50m"))).json()
          .get("id").asText();
      assertThat(one.post("api/job/" + id2 + "/cancel", "{}").json().get("state").asText()).isEqualTo("cancelled");
      assertThat(one.run("neuron", Map.of("circuit", "lif")).get("state").asText()).isEqualTo("done");
      // an f-V curve stops between its groups of inputs: 40 inputs of 2 ms each take far longer than this waits
      String fv = one.post("api/run/fv", Map.of("slot", "p", "circuit", "lif", "params", Map.of("tstop", "2m"),
          "from", 1, "to", 4, "points", 40)).json().get("id").asText();
      Thread.sleep(300);
      long t1 = System.nanoTime();
      one.post("api/job/" + fv + "/cancel", "{}");
      assertThat(one.run("neuron", Map.of("circuit", "lif")).get("state").asText()).isEqualTo("done");
      assertThat((System.nanoTime() - t1) / 1e9).isLessThan(30);
    }
  }

  /** A fitted card as {@code fit} writes one: comments, then the card with a continuation line. */
  static final String CARD = "* fitted by hand for this test\n.model mydev ts (vth=1.3 vhold=0.5\n+ ron=2k)\n";

  @Test
  void aFittedModelCardRunsAsTheCliRunsItsFile() throws Exception {
    Path file = out.resolve("cards/mydev.model");
    Files.createDirectories(file.getParent());
    Files.writeString(file, CARD);
    JsonNode info = f.post("api/card", Map.of("card", CARD, "cardName", "mydev.model")).json();
    assertThat(info.get("type").asText()).isEqualTo("ts");
    assertThat(info.get("params").get("vth").asDouble()).isEqualTo(1.3);
    assertThat(info.get("params").get("ron").asDouble()).isEqualTo(2000);
    JsonNode iv = f.run("iv", Map.of("card", CARD, "cardName", "mydev.model", "amp", 2, "rate", 20));
    assertThat(iv.get("state").asText()).as(iv.toString()).isEqualTo("done");
    JsonNode cli = StudioFixture.cli("iv", file.toString(), "--sweep", "triangle:amp=2,rate=20", "--json", "--no-plot",
        "--out", out.resolve("cli").toString());
    JsonNode v = iv.get("view").get("values");
    assertThat(v.get("positive").get("vth_V").asDouble()).isEqualTo(cli.get("positive").get("vth_V").asDouble());
    assertThat(v.get("positive").get("vhold_V").asDouble()).isEqualTo(cli.get("positive").get("vhold_V").asDouble());
    assertThat(iv.get("view").get("command").asText()).startsWith("./neuristor iv mydev.model --sweep triangle:amp=2");
    assertThat(iv.get("view").get("netlist").asText()).contains(".model mydev ts (vth=1.3 vhold=0.5");
    // an override on top of the card
    JsonNode over = f.run("iv", Map.of("card", CARD, "cardName", "mydev.model", "amp", 2, "rate", 20, "params",
        Map.of("vth", "1.1")));
    JsonNode cliOver = StudioFixture.cli("iv", file.toString(), "--param", "vth=1.1", "--sweep",
        "triangle:amp=2,rate=20", "--json", "--no-plot", "--out", out.resolve("cli").toString());
    assertThat(over.get("view").get("values").get("positive").get("vth_V").asDouble())
        .isEqualTo(cliOver.get("positive").get("vth_V").asDouble());
    assertThat(f.run("pulse", Map.of("card", CARD, "amp", 2, "width", 2e-7)).get("state").asText()).isEqualTo("done");
    assertThat(f.run("mc", Map.of("card", CARD, "devices", 4)).get("state").asText()).isEqualTo("done");
    // a bad card: the reader's file:line message, in the check and in a run
    StudioFixture.Reply bad = f.post("api/card", Map.of("card", ".model x nosuchtype (a=1)\n"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("error").asText()).startsWith("error: fitted.model:1:").contains("nosuchtype");
    assertThat(f.run("iv", Map.of("card", "no card here")).get("error").asText()).startsWith("error: fitted.model:");
  }

  @Test
  void aDeviceRequestNeverReadsAFileItNames() throws Exception {
    Path secret = Files.createTempFile("studio-secret", ".model");
    Files.writeString(secret, ".model leaked ts (vth=1.77)\n");
    try {
      // the CLI reads a path ending in .model; the studio takes cards only as uploaded text
      for (String model : List.of(secret.toString(), "../../../../../.." + secret, secret.getFileName().toString(),
          "/etc/passwd")) {
        for (String kind : List.of("iv", "pulse", "mc")) {
          JsonNode j = f.run(kind, Map.of("model", model, "amp", 2, "width", 1e-7));
          assertThat(j.get("state").asText()).as(kind + " " + model).isEqualTo("failed");
          assertThat(j.get("error").asText()).as(kind + " " + model).doesNotContain("leaked").doesNotContain("1.77")
              .doesNotContain("root:");
        }
      }
      // a card's file name is a plain name, never a path
      JsonNode j = f.run("iv", Map.of("card", CARD, "cardName", "../" + secret.getFileName()));
      assertThat(j.get("error").asText()).startsWith("error: upload file name");
      assertThat(f.post("api/card", Map.of("card", CARD, "cardName", secret.toString())).status()).isEqualTo(400);
      // the token is needed here too
      assertThat(f.send(java.net.http.HttpRequest.newBuilder(URI.create(f.base() + "api/card"))
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"card\":\"x\"}"))).status()).isEqualTo(401);
    } finally {
      Files.deleteIfExists(secret);
    }
  }

  @Test
  void cancellingTheRefractoryProtocolStopsItsPairedPulseRuns() throws Exception {
    try (StudioFixture one = new StudioFixture(out, 1)) {
      // pickett over 20 us: the single pulse is one run, then up to 13 paired-pulse runs of 30 us each
      // (about 20 times the single run's work) follow, which this test does not wait for
      String id = one.post("api/run/refractory", Map.of("circuit", "pickett", "params", Map.of("tstop", "20u"),
          "stim", "pulse:amp=0.3,width=100n,delay=10n")).json().get("id").asText();
      long end = System.nanoTime() + 60_000_000_000L;
      JsonNode j = one.get("api/job/" + id).json();
      while (j.get("progress").asDouble() <= Simulations.SINGLE_PULSE_SHARE && j.get("state").asText().equals("running")
          || j.get("state").asText().equals("queued")) {
        assertThat(System.nanoTime()).as("the paired-pulse runs did not start").isLessThan(end);
        Thread.sleep(10);
        j = one.get("api/job/" + id).json();
      }
      assertThat(j.get("state").asText()).isEqualTo("running");
      assertThat(j.get("stage").asText()).matches("(the single pulse alone|paired pulses): run \\d+ of at most 14");
      long t0 = System.nanoTime();
      assertThat(one.post("api/job/" + id + "/cancel", "{}").json().get("state").asText()).isEqualTo("cancelled");
      // the work really ended: its CPU time is recorded when it returns, and the one worker is free again
      while (one.get("api/job/" + id).json().get("cpu_ms").isNull()
          || one.get("api/status").json().get("running").asInt() > 0) {
        assertThat((System.nanoTime() - t0) / 1e9).as("the refractory protocol went on after its cancel").isLessThan(3);
        Thread.sleep(10);
      }
    }
  }

  @Test
  void twentyParallelRequestsKeepTheServerResponsive() throws Exception {
    List<CompletableFuture<java.net.http.HttpResponse<String>>> posts = new ArrayList<>();
    for (int k = 0; k < 20; k++) {
      String body = "{\"circuit\":\"lif\",\"params\":{\"cm\":\"" + (1 + k * 0.05) + "n\",\"tstop\":\"20u\"}}";
      posts.add(f.http.sendAsync(HttpRequest.newBuilder(URI.create(f.base() + "api/run/neuron"))
          .header("X-Neuristor-Token", f.server.token()).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()));
    }
    long t0 = System.nanoTime();
    assertThat(f.get("api/status").status()).isEqualTo(200);
    assertThat((System.nanoTime() - t0) / 1e9).as("status answered while 20 runs queue").isLessThan(5);
    int done = 0;
    for (CompletableFuture<java.net.http.HttpResponse<String>> p : posts) {
      java.net.http.HttpResponse<String> r = p.join();
      assertThat(r.statusCode()).isIn(202, 503);
      if (r.statusCode() == 202) {
        JsonNode j = f.await(org.neuristor.io.Json.mapper().readTree(r.body()).get("id").asText());
        assertThat(j.get("state").asText()).isEqualTo("done");
        done++;
      }
    }
    assertThat(done).isEqualTo(20);
    assertThat(f.get("api/catalogue").status()).isEqualTo(200);
  }

  @Test
  void aDigitsFolderOpensAsAReport() throws Exception {
    Path d = Files.createDirectories(out.resolve("digits-run"));
    // the file network digits writes (DigitsCommand): summary values and the confusion matrix
    Files.writeString(d.resolve("digits.json"), "{\"accuracy\": 0.9, \"synapse\": \"ideal\", "
        + "\"confusion\": [[5, 1], [0, 4]]}");
    Files.writeString(d.resolve("digits_sweep_levels.csv"), "levels,accuracy\n2,0.5\n8,0.9\n");
    JsonNode r = f.run("results", Map.of("path", "digits-run"));
    assertThat(r.get("state").asText()).isEqualTo("done");
    JsonNode v = r.get("view");
    assertThat(v.get("values").get("accuracy").asDouble()).isEqualTo(0.9);
    assertThat(v.get("panels").get(0).get("heat").get("z").toString()).isEqualTo("[[5.0,1.0],[0.0,4.0]]");
    assertThat(v.get("panels").get(1).get("label").asText()).isEqualTo("digits_sweep_levels.csv");
    JsonNode list = f.get("api/results").json().get("folders");
    assertThat(list.toString()).contains("\"path\":\"digits-run\",\"kind\":\"digits\"");
  }

  /**
   * A folder is a digits run by its own files: the output folder used to be listed as "(digits)" because a folder in
   * it is named digits-... A digits folder records none of its run's options, so it offers no command (the one it
   * gave, network digits --out FOLDER, trained another network into the same folder) and, without a CSV file, no
   * download; a CSV of columns of different sizes gets a panel per column (a digits sweep drew its accuracy and
   * energy as flat lines under its spike count).
   */
  @Test
  void aDigitsFolderIsListedByItsOwnFilesAndOffersNoCommandItCannotBackUp() throws Exception {
    Path d = Files.createDirectories(out.resolve("digits-summary-only"));
    Files.writeString(d.resolve("digits.json"), "{\"accuracy\": 0.74, \"dataset\": \"digits\"}");
    Path s = Files.createDirectories(out.resolve("digits-levels"));
    Files.writeString(s.resolve("digits_sweep_levels.csv"), "levels,accuracy,spikes_per_inference,"
        + "energy_per_inference_J\n2,0.58,24.88,2.66E-13\n4,0.68,21.54,2.61E-13\n");
    List<String> listed = new ArrayList<>();
    f.get("api/results").json().get("folders").forEach(n -> listed.add(n.get("path").asText() + " "
        + n.get("kind").asText()));
    assertThat(listed).contains("digits-summary-only digits", "digits-levels digits").doesNotContain(". digits");

    JsonNode r = f.run("results", Map.of("path", "digits-summary-only"));
    JsonNode v = r.get("view");
    assertThat(v.get("command").asText()).startsWith("# written by ./neuristor network digits")
        .contains("not recorded").doesNotContain("--json");
    assertThat(v.get("csvName").isNull()).isTrue();
    StudioFixture.Reply csv = f.get("api/job/" + r.get("id").asText() + "/csv");
    assertThat(csv.status()).isEqualTo(400);
    assertThat(csv.json().get("error").asText()).isEqualTo("error: this result has no CSV file");

    JsonNode levels = f.run("results", Map.of("path", "digits-levels")).get("view");
    List<String> panels = new ArrayList<>();
    levels.get("panels").forEach(p -> panels.add(p.get("label").asText() + " " + p.get("series").size()));
    assertThat(panels).containsExactly("digits_sweep_levels.csv: accuracy 1",
        "digits_sweep_levels.csv: spikes_per_inference 1", "digits_sweep_levels.csv: energy_per_inference_j 1");
  }

  /**
   * A pasted .dc netlist is named and counted as run --json names and counts it: it was "v-sweep" with its sweep
   * points as "steps_accepted"; a second analysis, which the studio does not run, is named in the warnings.
   */
  @Test
  void aPastedDcNetlistIsNamedAndCountedAsTheCliDoes() throws Exception {
    String net = "diode dc\nv1 1 0 1\nr1 1 2 1k\nd1 2 0 dmod\n.model dmod d\n.dc v1 0 1 0.1\n.op\n.end\n";
    JsonNode v = f.run("netlist", Map.of("files", Map.of("dc.cir", net), "main", "dc.cir")).get("view")
        .get("values");
    Path file = out.resolve("dc.cir");
    Files.writeString(file, net);
    JsonNode cli = StudioFixture.cli("run", file.toString(), "--json", "--no-plot", "--out",
        out.resolve("cli").toString()).get("analyses").get(0);
    assertThat(v.get("analysis").asText()).isEqualTo(cli.get("analysis").asText()).isEqualTo("dc");
    assertThat(v.get("points")).isEqualTo(cli.get("points"));
    assertThat(v.get("newton_iterations")).isEqualTo(cli.get("newton_iterations"));
    assertThat(v.has("steps_accepted")).isFalse();
    assertThat(v.get("warnings").toString()).contains("the studio runs the netlist's first analysis (dc) of 2");
  }

  /** One spike gives no rate: the neuron page said null without the CLI's rate_reason. */
  @Test
  void aOneSpikeRunGivesTheCliRateReason() throws Exception {
    JsonNode v = f.run("neuron", Map.of("circuit", "pickett")).get("view").get("values");
    JsonNode cli = StudioFixture.cli("neuron", "run", "pickett", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(v.get("spikes").asInt()).isEqualTo(cli.get("spikes").asInt()).isEqualTo(1);
    assertThat(v.get("rate_hz").isNull()).isTrue();
    assertThat(v.get("rate_reason").asText()).isEqualTo(cli.get("rate_reason").asText()).startsWith("one spike");
    for (String k : List.of("amplitude_V", "width_s", "latency_s", "response_V", "firing_pattern",
        "firing_pattern_reason", "energy_per_spike_J")) {
      assertThat(v.get(k)).as(k).isEqualTo(cli.get(k));
    }
  }

  /**
   * The Monte Carlo's statistics are over the devices that switched: the page gave V_th 0.967 V for 5 pcm devices
   * without saying that one of them switched (iv --devices says switched_devices).
   */
  @Test
  void theMonteCarloSaysHowManyDevicesSwitched() throws Exception {
    JsonNode v = f.run("mc", Map.of("model", "pcm:tuma2016", "devices", "5", "seed", "1", "amp", "2"))
        .get("view").get("values");
    JsonNode cli = StudioFixture.cli("iv", "pcm:tuma2016", "--devices", "5", "--seed", "1", "--sweep",
        "triangle:amp=2,rate=20", "--json", "--no-plot", "--out", out.resolve("cli").toString());
    // round 20: every cell crystallizes near 1 V and fires, its RESET turning it off on the rising ramp (before, one
    // of the five counted as switched, with a V_hold at the sweep's edge); none has a hold point
    assertThat(v.get("switched_devices").asInt()).isEqualTo(cli.get("switched_devices").asInt()).isEqualTo(5);
    assertThat(v.get("vhold_devices").asInt()).isEqualTo(cli.get("vhold_devices").asInt()).isZero();
    for (String k : List.of("devices", "vth_V_mean", "vth_V_sigma", "vhold_V_mean", "vhold_V_sigma", "vhold_reason")) {
      assertThat(v.get(k)).as(k).isEqualTo(cli.get(k));
    }
  }

  @Test
  void theIvPageNamesASetAndAResetAsTheCliDoes() throws Exception {
    // round 21: a non-volatile synapse's RESET and SET, from the code iv prints them with
    JsonNode v = f.run("iv", Map.of("model", "synapse", "amp", "2")).get("view").get("values");
    JsonNode cli = StudioFixture.cli("iv", "synapse", "--sweep", "triangle:amp=2", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    for (String half : List.of("positive", "negative", "negative_fresh")) {
      assertThat(v.get(half)).as(half).isEqualTo(cli.get(half));
    }
    assertThat(v.get("positive").get("vreset_V").asDouble()).isBetween(0.02, 0.021);
    assertThat(v.get("negative").get("vset_V").asDouble()).isBetween(0.2, 0.205);
  }

  @Test
  void aFolderWithUnreadableFilesShowsTheOthersAndSaysWhy() throws Exception {
    Path d = Files.createDirectories(out.resolve("mixed-run"));
    Files.writeString(d.resolve("a-rates.csv"), "input_V,rate_hz\n1,0\n2,150\n");
    Files.writeString(d.resolve("b-empty.csv"), "");
    Files.write(d.resolve("c-latin1.csv"), new byte[] {'x', ',', 'y', '\n', (byte) 0xe9, ',', '1', '\n'});
    Files.writeString(d.resolve("d-broken.json"), "{\"accuracy\": ");
    Files.writeString(d.resolve("e-list.json"), "[1, 2]");
    // one unreadable file used to fail the whole folder ("error: b-empty.csv is empty")
    JsonNode r = f.run("results", Map.of("path", "mixed-run"));
    assertThat(r.get("state").asText()).as(r.toString()).isEqualTo("done");
    JsonNode v = r.get("view");
    assertThat(v.get("panels")).hasSize(1);
    assertThat(v.get("panels").get(0).get("label").asText()).isEqualTo("a-rates.csv");
    List<String> unread = new ArrayList<>();
    v.get("values").get("unread_files").forEach(n -> unread.add(n.asText()));
    assertThat(unread).hasSize(4);
    assertThat(unread.get(0)).isEqualTo("b-empty.csv: is empty");
    assertThat(unread.get(1)).isEqualTo("c-latin1.csv: not UTF-8 text");
    assertThat(unread.get(2)).startsWith("d-broken.json: not valid JSON (");
    assertThat(unread.get(3)).isEqualTo("e-list.json: not a JSON object");
    assertThat(f.get("api/job/" + r.get("id").asText() + "/csv").body()).startsWith("input_V,rate_hz");
  }

  @Test
  void devicesModelsAndProtocolsRunThroughTheApi() throws Exception {
    JsonNode iv = f.run("iv", Map.of("model", "ts:nbox"));
    assertThat(iv.get("state").asText()).isEqualTo("done");
    JsonNode cli = StudioFixture.cli("iv", "ts:nbox", "--json", "--no-plot", "--out", out.resolve("cli").toString());
    assertThat(iv.get("view").get("values").get("positive").get("vth_V").asDouble())
        .isEqualTo(cli.get("positive").get("vth_V").asDouble());
    assertThat(iv.get("view").get("panels").get(0).get("markers")).isNotEmpty();
    JsonNode model = f.run("model", Map.of("model", "izhikevich"));
    assertThat(model.get("view").get("values").get("firing_pattern").asText()).isNotEmpty();
    // the stimulus in the unit it is given in: Izhikevich's dimensionless I has no unit, HH's 10 uA/cm2 step is
    // not plotted as 0.1 A/m2
    assertThat(model.get("view").get("panels").get(0).get("yLabel").asText()).isEqualTo("stimulus");
    JsonNode hh = f.run("model", Map.of("model", "hh"));
    JsonNode stim = hh.get("view").get("panels").get(0);
    assertThat(stim.get("yLabel").asText()).isEqualTo("stimulus (uA/cm2)");
    double top = 0;
    for (JsonNode y : stim.get("series").get(0).get("y")) {
      top = Math.max(top, y.asDouble());
    }
    assertThat(top).isEqualTo(10.0);
    JsonNode cliModel = StudioFixture.cli("model", "run", "izhikevich", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(model.get("view").get("values").get("rate_hz").asDouble()).isEqualTo(cliModel.get("rate_hz").asDouble());
    JsonNode aon = f.run("aon", Map.of("circuit", "pickett", "amps", "0.2,0.3", "width", 100e-9));
    assertThat(aon.get("view").get("command").asText()).isEqualTo(
        "./neuristor neuron aon pickett --amps 0.2,0.3 --width 1.0E-7 --json");
    // strength-duration runs a few widths at a time (so it can be cancelled): same curve as the CLI
    JsonNode sd = f.run("sd", Map.of("circuit", "lif", "params", Map.of("tstop", "30u"), "widths", "2u,10u",
        "max", 20));
    JsonNode cliSd = StudioFixture.cli("neuron", "sd", "lif", "--param", "tstop=30u", "--widths", "2u,10u", "--max",
        "20", "--json", "--no-plot", "--out", out.resolve("cli").toString());
    assertThat(sd.get("view").get("values").get("threshold_V")).isEqualTo(cliSd.get("threshold_V"));
    assertThat(sd.get("view").get("values").get("chronaxie_s").asDouble()).isEqualTo(cliSd.get("chronaxie_s").asDouble());
    JsonNode bad = f.run("iv", Map.of("model", "ts:nosuchpreset"));
    assertThat(bad.get("error").asText()).startsWith("error: ");
  }

  /**
   * The Studio's model run shows the spike level and the oscillation below it as 'model run' prints them (HH at 100
   * uA/cm2: one spike at 0 mV, the membrane oscillating at 147 Hz); it showed only the label's reason.
   */
  @Test
  void aModelRunShowsTheOscillationBelowTheSpikeLevelAsTheCli() throws Exception {
    JsonNode hh = f.run("model", Map.of("model", "hh", "stim", List.of("dc:amp=100")));
    assertThat(hh.get("state").asText()).as(hh.toString()).isEqualTo("done");
    JsonNode v = hh.get("view").get("values");
    JsonNode cli = StudioFixture.cli("model", "run", "hh", "--stim", "dc:amp=100", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    for (String key : new String[] {"spike_level_V", "oscillation_hz", "oscillation_peak_V", "oscillation_trough_V"}) {
      assertThat(v.get(key)).as(key).isNotNull().isEqualTo(cli.get(key));
    }
    assertThat(v.get("oscillation_hz").asDouble()).isCloseTo(147.268, org.assertj.core.data.Offset.offset(0.15));
  }

  /**
   * The Studio's model run shows the spike features 'model run' prints, from the same code: a one-spike run's rate is
   * null with the CLI's rate_reason (the page gave a null rate without a reason) and HH's first spike's shape.
   */
  @Test
  void aOneSpikeModelRunGivesTheCliFeaturesAndRateReason() throws Exception {
    JsonNode hh = f.run("model", Map.of("model", "hh", "stim", List.of("step:amp=10,t0=10ms,t1=12ms"), "duration",
        "50ms"));
    assertThat(hh.get("state").asText()).as(hh.toString()).isEqualTo("done");
    JsonNode v = hh.get("view").get("values");
    JsonNode cli = StudioFixture.cli("model", "run", "hh", "--stim", "step:amp=10,t0=10ms,t1=12ms", "--duration",
        "50ms", "--json", "--no-plot", "--out", out.resolve("cli").toString());
    assertThat(v.get("spikes").asInt()).isEqualTo(cli.get("spikes").asInt()).isEqualTo(1);
    assertThat(v.get("rate_hz").isNull()).isTrue();
    assertThat(v.get("rate_reason").asText()).isEqualTo(cli.get("rate_reason").asText()).startsWith("one spike");
    for (String k : List.of("spike_level_V", "cv_isi", "latency_s", "first_spike_peak_V", "first_spike_amplitude_V",
        "first_spike_width_s", "first_spike_rise_s", "first_spike_fall_s", "firing_pattern", "firing_pattern_reason",
        "spike_times_s")) {
      assertThat(v.get(k)).as(k).isNotNull().isEqualTo(cli.get(k));
    }
  }

  @Test
  void typedNumbersAreReadAsTheCliReadsThemAndABadOneIsAnError() throws Exception {
    // the page sends its fields as typed: 25u is what the CLI reads for --width 25u (2.5E-5; the page's own
    // 25 * 1e-6 was 2.4999999999999998E-5), 200n is 2.0E-7 (not 2.0000000000000002E-7)
    JsonNode aon = f.run("aon", Map.of("circuit", "lif", "amps", "1,2", "width", "25u"));
    assertThat(aon.get("state").asText()).as(aon.toString()).isEqualTo("done");
    assertThat(aon.get("view").get("command").asText())
        .isEqualTo("./neuristor neuron aon lif --amps 1,2 --width 2.5E-5 --json");
    JsonNode cliAon = StudioFixture.cli("neuron", "aon", "lif", "--amps", "1,2", "--width", "25u", "--json",
        "--no-plot", "--out", out.resolve("cli").toString());
    assertThat(aon.get("view").get("values").get("response_V")).isEqualTo(cliAon.get("response_V"));
    for (String key : new String[] {"threshold_V", "threshold_below_V", "threshold_above_V"}) {
      assertThat(aon.get("view").get("values").get(key)).as(key).isEqualTo(cliAon.get(key));
    }
    JsonNode pulse = f.run("pulse", Map.of("model", "ts:nbox", "amp", "2", "width", "200n"));
    assertThat(pulse.get("view").get("command").asText()).isEqualTo("./neuristor pulse ts:nbox --amp 2 --width 2.0E-7 --json");
    JsonNode cliPulse = StudioFixture.cli("pulse", "ts:nbox", "--amp", "2", "--width", "200n", "--json", "--no-plot",
        "--out", out.resolve("cli").toString());
    assertThat(pulse.get("view").get("values").get("width_s")).isEqualTo(cliPulse.get("width_s"));
    assertThat(pulse.get("view").get("values").get("delay_s")).isEqualTo(cliPulse.get("pulses").get(0).get("delay_s"));
    JsonNode iv = f.run("iv", Map.of("model", "ts:nbox", "amp", "1.5", "rate", "15"));
    assertThat(iv.get("view").get("command").asText()).startsWith("./neuristor iv ts:nbox --sweep triangle:amp=1.5,rate=15");
    // a field that does not read fails with the option's name; it never runs with the default instead
    Object[][] bad = {
        {"iv", Map.of("model", "ts:nbox", "amp", "abc"), "error: amp: not a number: 'abc'"},
        {"iv", Map.of("model", "ts:nbox", "series", "-5"), "error: --series must be >= 0, got '-5'"},
        {"pulse", Map.of("model", "ts:nbox", "amp", "2", "width", "x"), "error: --width: not a number: 'x'"},
        {"mc", Map.of("model", "ts:nbox", "devices", "abc"), "error: --devices: not a whole number: 'abc'"},
        {"mc", Map.of("model", "ts:nbox", "seed", "1.5"), "error: --seed: not a whole number: '1.5'"},
        {"fv", Map.of("circuit", "lif", "to", "4", "points", "x"), "error: --points: not a whole number: 'x'"},
        {"fv", Map.of("circuit", "lif", "from", "1", "to", "nan"), "error: --to: not a number: 'nan'"},
        {"sd", Map.of("circuit", "lif", "widths", "2u", "max", ""), "error: --max: give a value"},
        {"aon", Map.of("circuit", "lif", "amps", "1", "width", "-1u"), "error: --width must be > 0, got '-1u'"},
    };
    for (Object[] b : bad) {
      JsonNode j = f.run((String) b[0], b[1]);
      assertThat(j.get("state").asText()).as(b[0] + " " + b[1]).isEqualTo("failed");
      assertThat(j.get("error").asText()).as(b[0] + " " + b[1]).startsWith((String) b[2]).doesNotContain("\n");
      assertThat(j.get("exit_code").asInt()).isEqualTo(2);
    }
  }

  @Test
  void aPortInUseAndAnOutputFileGiveClearErrors() throws Exception {
    org.neuristor.cli.CliHarness.Result busy = org.neuristor.cli.CliHarness.run("studio", "--no-browser", "--port",
        String.valueOf(f.server.port()), "--out", out.toString());
    assertThat(busy.code()).isEqualTo(2);
    assertThat(busy.err()).contains("error: cannot listen on 127.0.0.1:" + f.server.port() + ": the port is in use")
        .doesNotContain("Exception").doesNotContain("\tat ");
    Path file = out.resolve("not-a-folder.txt");
    Files.writeString(file, "x");
    org.neuristor.cli.CliHarness.Result notDir = org.neuristor.cli.CliHarness.run("studio", "--no-browser", "--out",
        file.toString());
    assertThat(notDir.code()).isEqualTo(2);
    assertThat(notDir.err()).contains("error: --out " + file + " is a file, not a folder");
  }

  @Test
  void theCommandPrintsAUrlWithARandomTokenAndWarnsAboutOtherHosts() throws Exception {
    StudioCommand cmd = new StudioCommand();
    CommandLine cl = new CommandLine(cmd);
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    Thread t = new Thread(() -> cl.execute("--no-browser", "--host", "0.0.0.0", "--port", "0", "--out",
        out.toString()));
    t.start();
    try {
      long end = System.nanoTime() + 30_000_000_000L;
      while (!o.toString().contains("token=") && System.nanoTime() < end) {
        Thread.sleep(20);
      }
      Matcher m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{48})").matcher(o.toString());
      assertThat(m.find()).as(o.toString()).isTrue();
      assertThat(e.toString()).contains("warning: --host 0.0.0.0 makes the studio reachable from other machines");
      StudioFixture.Reply page = f.send(HttpRequest.newBuilder(URI.create(m.group())).GET());
      assertThat(page.status()).isEqualTo(200);
      assertThat(m.group(2)).isNotEqualTo(f.server.token());
    } finally {
      cmd.stop();
      t.join(10_000);
    }
    assertThat(t.isAlive()).isFalse();
  }
}
