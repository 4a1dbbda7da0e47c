package org.neuristor.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The studio's pages in a real browser: Selenium drives headless Debian Chromium through
 * {@code /usr/bin/chromedriver} (given explicitly, so Selenium Manager never downloads anything).
 * Skipped with a message when Chromium or its driver is missing ({@code apt-get install chromium
 * chromium-driver}). Screenshots go to {@code target/studio-screenshots}, and to the folder named by
 * {@code -Dstudio.screenshots=DIR} (docs/img for the README).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserTest {
  static final String CHROMIUM = System.getProperty("studio.chromium", "/usr/bin/chromium");
  static final String DRIVER = System.getProperty("studio.chromedriver", "/usr/bin/chromedriver");

  @TempDir static Path out;
  @TempDir static Path profile;
  StudioFixture f;
  java.util.concurrent.CompletableFuture<Void> warmUp;
  WebDriver driver;
  /** Kept so the logging level set in start() is not lost to garbage collection. */
  static final java.util.logging.Logger DEVTOOLS = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools");
  JavascriptExecutor js;
  final List<String> report = new ArrayList<>();

  @BeforeAll
  void start() throws Exception {
    assumeTrue(new File(CHROMIUM).canExecute() && new File(DRIVER).canExecute(),
        "browser tests skipped: " + CHROMIUM + " or " + DRIVER + " is missing (Debian: apt-get install chromium "
            + "chromium-driver); the API tests still run");
    f = new StudioFixture(out, 2);
    // as 'neuristor studio' does once it printed the URL
    warmUp = f.server.warmUp();
    // Selenium warns that it has no CDP classes for this Chromium version; the tests use none
    DEVTOOLS.setLevel(java.util.logging.Level.SEVERE);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
        .usingAnyFreePort().build();
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM);
    o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1400,1050");
    // the browser's console, to check that the pages log no errors
    org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
    logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
    o.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    driver = new ChromeDriver(service, o);
    js = (JavascriptExecutor) driver;
  }

  @AfterAll
  void stop() throws Exception {
    if (driver != null) {
      driver.quit();
    }
    if (f != null) {
      f.close();
    }
    if (!report.isEmpty()) {
      Path r = Path.of("target", "studio-timings.txt");
      Files.createDirectories(r.getParent());
      Files.write(r, report);
      report.forEach(System.out::println);
    }
  }

  @Test
  @Order(1)
  void neuronPageShowsLifAndACmChangeGivesTheCliRate() throws Exception {
    open("neuron");
    int done = awaitRun("view-neuron", 0);
    assertThat(driver.findElements(By.cssSelector("#view-neuron .panel canvas"))).hasSizeGreaterThanOrEqualTo(3);
    assertThat(text("#view-neuron h2")).contains("1TS-1C");
    screenshot("studio-neuron");

    setField("neuron-params", "cm", "2n");
    done = awaitRun("view-neuron", done);
    JsonNode cli = StudioFixture.cli("neuron", "run", "lif", "--param", "cm=2n", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(Double.parseDouble(value("view-neuron", "rate_hz"))).isEqualTo(cli.get("rate_hz").asDouble());
    assertThat(Integer.parseInt(value("view-neuron", "spikes"))).isEqualTo(cli.get("spikes").asInt());
    assertThat(text("#view-neuron code.command")).isEqualTo("./neuristor neuron run lif --param cm=2n --json");

    // show netlist, copy command, download CSV
    WebElement net = driver.findElement(By.cssSelector("#view-neuron pre.netlist"));
    assertThat(net.isDisplayed()).isFalse();
    driver.findElement(By.cssSelector("#view-neuron .show-netlist")).click();
    assertThat(net.isDisplayed()).isTrue();
    assertThat(net.getText()).contains(".param cm=2n").contains(".tran");
    driver.findElement(By.cssSelector("#view-neuron .copy-command")).click();
    // named by the run, so that the download of another run does not overwrite it (both were lif.csv)
    String name = driver.findElement(By.cssSelector("#view-neuron .download-csv")).getAttribute("download");
    assertThat(name).matches("lif-[0-9a-f]{8}\\.csv");
    driver.findElement(By.cssSelector("#view-neuron .download-csv")).click();
    Path csv = out.resolve("studio/" + name);
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.exists(csv));
    assertThat(Files.readAllLines(csv).get(0)).startsWith("time,v(in),v(m),v(o)");
    setField("neuron-params", "cm", "3n");
    awaitRun("view-neuron", done);
    String other = driver.findElement(By.cssSelector("#view-neuron .download-csv")).getAttribute("download");
    assertThat(other).matches("lif-[0-9a-f]{8}\\.csv").isNotEqualTo(name);
    driver.findElement(By.cssSelector("#view-neuron .download-csv")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> Files.exists(out.resolve("studio/" + other)));
    assertThat(csv).exists();
  }

  @Test
  @Order(2)
  void sliderLatencyOfLifAndPickett() throws Exception {
    long w0 = System.nanoTime();
    warmUp.get(120, java.util.concurrent.TimeUnit.SECONDS);
    report.add(String.format(Locale.ROOT, "warm-up (%d runs) ended %.1f s after this test started waiting for it",
        StudioServer.WARM_UP_RUNS, (System.nanoTime() - w0) / 1e9));
    open("neuron");
    int done = awaitRun("view-neuron", 0);
    report.add(latency("lif", "cm", done));
    js.executeScript("studio.neuron.pick('pickett')");
    done = awaitRun("view-neuron", done);
    report.add(latency("pickett", "c2", done));
    report.add(String.format(Locale.ROOT, "load average during the browser test: %.2f (%d cores)",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Moves a parameter's slider to 12 positions (after 2 warm-up moves), one at a time, waiting for
   * each result; returns the median server time (request in to result ready) and page time
   * (slider event to plot drawn).
   */
  private String latency(String circuit, String param, int done) {
    double[] server = new double[12];
    double[] cpu = new double[12];
    double[] page = new double[12];
    for (int k = -2; k < 12; k++) {
      moveSlider("neuron-params", param, 350 + 25 * (k + 2));
      done = awaitRun("view-neuron", done);
      assertThat(attr("view-neuron", "data-state")).isEqualTo("done");
      if (k >= 0) {
        server[k] = Double.parseDouble(attr("view-neuron", "data-server-ms"));
        cpu[k] = Double.parseDouble(attr("view-neuron", "data-cpu-ms"));
        page[k] = Double.parseDouble(attr("view-neuron", "data-client-ms"));
      }
    }
    Arrays.sort(server);
    Arrays.sort(cpu);
    Arrays.sort(page);
    String line = String.format(Locale.ROOT, "slider -> new data, %s (%s moved, 12 moves): server median %.1f ms "
        + "(min %.1f, max %.1f), its CPU median %.1f ms (min %.1f, max %.1f); page median %.1f ms (slider event "
        + "to plot drawn)", circuit, param, (server[5] + server[6]) / 2, server[0], server[11], (cpu[5] + cpu[6]) / 2,
        cpu[0], cpu[11], (page[5] + page[6]) / 2);
    // a sanity bound only: the figures above are the measurement (the machine may be loaded)
    assertThat(server[0]).as(line).isLessThan(5000);
    return line;
  }

  @Test
  @Order(3)
  void anInvalidValueShowsTheCliMessageAndThePageStaysUsable() {
    open("neuron");
    int done = awaitRun("view-neuron", 0);
    setField("neuron-params", "cm", "abc");
    done = awaitRun("view-neuron", done);
    WebElement err = driver.findElement(By.cssSelector("#view-neuron .error"));
    assertThat(err.isDisplayed()).isTrue();
    assertThat(err.getText()).startsWith("error: ").doesNotContain("Exception").doesNotContain("\n");
    // the plot and values kept below are the last good run's (cm = 1n), not the field's: the page says so
    assertThat(attr("view-neuron", "class")).contains("stale");
    assertThat(text("#view-neuron .stale-note")).startsWith("below: the last result that ran");
    assertThat(driver.findElement(By.cssSelector("#view-neuron .panel")).getCssValue("opacity")).isEqualTo("0.45");
    screenshot("studio-error");
    setField("neuron-params", "cm", "1.5n");
    awaitRun("view-neuron", done);
    assertThat(attr("view-neuron", "data-state")).isEqualTo("done");
    assertThat(driver.findElements(By.cssSelector("#view-neuron .error"))).isEmpty();
    assertThat(attr("view-neuron", "class")).doesNotContain("stale");
  }

  @Test
  @Order(4)
  void aProtocolRunsFromItsButton() {
    open("neuron");
    awaitRun("view-neuron", 0);
    setField("neuron-protocol-params", "fv_points", "6");
    driver.findElement(By.id("neuron-fv")).click();
    awaitRun("view-neuron-protocol", 0);
    assertThat(text("#view-neuron-protocol code.command")).startsWith("./neuristor neuron fi lif --from 0 --to 4");
    assertThat(value("view-neuron-protocol", "rheobase_V")).isNotEmpty();
    js.executeScript("document.getElementById('view-neuron-protocol').scrollIntoView()");
    screenshot("studio-protocol");
  }

  @Test
  @Order(4)
  void aPastedNetlistRunsAndABadOneShowsItsLine() {
    open("neuron");
    awaitRun("view-neuron", 0);
    driver.findElement(By.cssSelector("#neuron-netlist-box summary")).click();
    WebElement text = driver.findElement(By.id("neuron-netlist-text"));
    js.executeScript("arguments[0].value = arguments[1]", text,
        "rc charge\nv1 in 0 1\nr1 in out 1k\nc1 out 0 1u\n.tran 10u 5m\n.end\n");
    driver.findElement(By.id("neuron-netlist-run")).click();
    int done = awaitRun("view-neuron-protocol", 0);
    assertThat(text("#view-neuron-protocol h2")).isEqualTo("rc charge");
    assertThat(driver.findElements(By.cssSelector("#view-neuron-protocol .panel canvas"))).isNotEmpty();
    js.executeScript("arguments[0].value = arguments[1]", text, "bad\nr1 a 0 oops\n.op\n.end\n");
    driver.findElement(By.id("neuron-netlist-run")).click();
    awaitRun("view-neuron-protocol", done);
    assertThat(text("#view-neuron-protocol .error")).startsWith("error: netlist.cir:2:").doesNotContain("\n");
  }

  /**
   * examples/lif-vo2fit.cir with its model card in models/, chosen as a folder and as a zip of it, runs as run runs it
   * (it used to fail with "cannot read included file": an upload kept only file names); the netlist alone names the
   * missing include at its line.
   */
  @Test
  @Order(4)
  void aNetlistChosenAsAFolderOrAZipFindsItsIncludes() throws Exception {
    Path folder = out.resolve("upload/lif");
    Files.createDirectories(folder.resolve("models"));
    Files.copy(Path.of("../examples/lif-vo2fit.cir"), folder.resolve("lif-vo2fit.cir"));
    Files.copy(Path.of("../examples/models/vo2-galloni2024.model"), folder.resolve("models/vo2-galloni2024.model"));
    Path zip = out.resolve("upload/lif.zip");
    Files.write(zip, java.util.Base64.getDecoder().decode(StudioApiTest.zip(java.util.Map.of(
        "lif/lif-vo2fit.cir", Files.readString(folder.resolve("lif-vo2fit.cir")),
        "lif/models/vo2-galloni2024.model", Files.readString(folder.resolve("models/vo2-galloni2024.model"))))));
    JsonNode cli = StudioFixture.cli("run", folder.resolve("lif-vo2fit.cir").toString(), "--json", "--no-plot",
        "--out", out.resolve("cli-lif-vo2fit").toString()).get("analyses").get(0);
    open("neuron");
    awaitRun("view-neuron", 0);
    driver.findElement(By.cssSelector("#neuron-netlist-box summary")).click();
    driver.findElement(By.id("neuron-netlist-folder")).sendKeys(folder.toString());
    // the menu offers the folder's netlist by its path in the folder
    new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElements(
        By.cssSelector("#neuron-netlist-main option[value='lif-vo2fit.cir']")).size() == 1);
    driver.findElement(By.id("neuron-netlist-run")).click();
    int done = awaitRun("view-neuron-protocol", 0);
    assertThat(driver.findElements(By.cssSelector("#view-neuron-protocol .error"))).isEmpty();
    assertThat(Long.parseLong(value("view-neuron-protocol", "steps_accepted")))
        .isEqualTo(cli.get("steps_accepted").asLong()).isEqualTo(30009);
    assertThat(Long.parseLong(value("view-neuron-protocol", "newton_iterations")))
        .isEqualTo(cli.get("newton_iterations").asLong());
    assertThat(text("#view-neuron-protocol code.command")).isEqualTo("./neuristor run lif-vo2fit.cir --json");
    screenshot("studio-netlist-folder");

    // the zip instead of the folder
    js.executeScript("arguments[0].value = ''", driver.findElement(By.id("neuron-netlist-folder")));
    driver.findElement(By.id("neuron-netlist-files")).sendKeys(zip.toString());
    driver.findElement(By.id("neuron-netlist-run")).click();
    done = awaitRun("view-neuron-protocol", done);
    assertThat(driver.findElements(By.cssSelector("#view-neuron-protocol .error"))).isEmpty();
    assertThat(Long.parseLong(value("view-neuron-protocol", "steps_accepted"))).isEqualTo(30009);

    // the netlist file alone
    js.executeScript("arguments[0].value = ''", driver.findElement(By.id("neuron-netlist-files")));
    driver.findElement(By.id("neuron-netlist-files")).sendKeys(folder.resolve("lif-vo2fit.cir").toString());
    driver.findElement(By.id("neuron-netlist-run")).click();
    awaitRun("view-neuron-protocol", done);
    assertThat(text("#view-neuron-protocol .error")).isEqualTo("error: lif-vo2fit.cir:10:1: cannot read included file"
        + " models/vo2-galloni2024.model (models/vo2-galloni2024.model is not among the uploaded files)");
  }

  @Test
  @Order(5)
  void devicePageShowsTheIvHysteresisWithThresholds() {
    open("device");
    int done = awaitRun("view-device-iv", 0);
    assertThat(text("#view-device-iv h2")).contains("I-V of ts:nbox");
    // a sweep field that does not read is an error (it used to run the default amplitude under the typed text)
    setField("device-sweep", "amp", "abc");
    done = awaitRun("view-device-iv", done);
    assertThat(attr("view-device-iv", "data-state")).isEqualTo("failed");
    assertThat(text("#view-device-iv .error")).startsWith("error: amp: not a number: 'abc'");
    setField("device-sweep", "amp", "1.5");
    awaitRun("view-device-iv", done);
    assertThat(attr("view-device-iv", "data-state")).isEqualTo("done");
    assertThat(driver.findElements(By.cssSelector("#view-device-iv canvas"))).isNotEmpty();
    setField("device-mc-params", "devices", "12");
    driver.findElement(By.id("device-mc")).click();
    awaitRun("view-device-mc", 0);
    assertThat(value("view-device-mc", "devices")).isEqualTo("12");
    screenshot("studio-device");
    // a fitted .model card, pasted: its I-V runs with the card's values, as 'iv FILE.model' does
    int before = Integer.parseInt(attr("view-device-iv", "data-done"));
    driver.findElement(By.cssSelector("#device-card-box summary")).click();
    driver.findElement(By.id("device-card-text")).sendKeys(StudioApiTest.CARD);
    driver.findElement(By.id("device-card-use")).click();
    awaitRun("view-device-iv", before);
    assertThat(text("#view-device-iv h2")).isEqualTo("I-V of mydev (ts, pasted.model)");
    assertThat(text("#view-device-iv code.command")).startsWith("./neuristor iv pasted.model --sweep");
    assertThat(driver.findElement(By.cssSelector("#device-params input[name='vth']")).getAttribute("value"))
        .isEqualTo("1.3");
    screenshot("studio-device-card");
  }

  /**
   * The I-V of a 1 GOhm OFF state (ts:ag, the diffusive devices: |i| down to 3e-16 A) was not drawn at all: below
   * 1e-16 uPlot 1.6.30's log axis threw "RangeError: Invalid array length" and took 0 as its minimum. The console
   * stays free of errors over the pages (every page load also logged a 404 for a favicon).
   */
  @Test
  @Order(5)
  void theIvOfAGigaohmDeviceIsDrawnAndTheConsoleHasNoErrors() {
    severeConsoleEntries(); // what earlier tests logged
    open("device");
    int done = awaitRun("view-device-iv", 0);
    js.executeScript("document.getElementById('device-model').value='ts:ag';"
        + "document.getElementById('device-model').dispatchEvent(new Event('change'))");
    awaitRun("view-device-iv", done);
    assertThat(text("#view-device-iv h2")).isEqualTo("I-V of ts:ag");
    // pixels of the curve's colour (#1f77b4) on the plot's canvas: none when the plot failed
    Number curve = (Number) js.executeScript("const c = document.querySelector('#view-device-iv .panel canvas');"
        + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;"
        + "for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - 31) < 30 && Math.abs(d[i + 1] - 119) < 30"
        + " && Math.abs(d[i + 2] - 180) < 30 && d[i + 3] > 100) n++; return n;");
    assertThat(curve.longValue()).as("pixels of the I-V curve").isGreaterThan(200);
    open("model");
    awaitRun("view-model", 0);
    open("neuron");
    awaitRun("view-neuron", 0);
    assertThat(severeConsoleEntries()).isEmpty();
  }

  /**
   * A result that does not run again by itself (a pulse response, a Monte Carlo, a protocol) is greyed out under
   * its note when a field it depends on changes, also when the change comes while it runs; it used to stay as if it
   * were the result of the new values.
   */
  @Test
  @Order(5)
  void aResultIsMarkedOutdatedWhenAFieldItDependsOnChanges() {
    open("device");
    int iv = awaitRun("view-device-iv", 0);
    driver.findElement(By.id("device-pulse")).click();
    int pulse = awaitRun("view-device-pulse", 0);
    assertThat(attr("view-device-pulse", "class")).doesNotContain("stale");
    setField("device-params", "vth", "1.2");
    awaitRun("view-device-iv", iv);
    assertThat(attr("view-device-pulse", "class")).contains("stale");
    assertThat(text("#view-device-pulse .stale-note")).startsWith("below: the last result that ran");
    driver.findElement(By.id("device-pulse")).click();
    awaitRun("view-device-pulse", pulse);
    assertThat(attr("view-device-pulse", "class")).doesNotContain("stale");
    assertThat(text("#view-device-pulse code.command")).contains("--param vth=1.2");
    // a field changed while the Monte Carlo runs: its result arrives outdated
    setField("device-mc-params", "devices", "400");
    driver.findElement(By.id("device-mc")).click();
    awaitJob("view-device-mc");
    setField("device-params", "vhold", "0.5");
    awaitRun("view-device-mc", 0);
    assertThat(attr("view-device-mc", "data-state")).isEqualTo("done");
    assertThat(attr("view-device-mc", "class")).contains("stale");
    // the neuron page: an f-V curve, then another cm
    open("neuron");
    int neuron = awaitRun("view-neuron", 0);
    setField("neuron-protocol-params", "fv_points", "4");
    driver.findElement(By.id("neuron-fv")).click();
    awaitRun("view-neuron-protocol", 0);
    assertThat(attr("view-neuron-protocol", "class")).doesNotContain("stale");
    setField("neuron-params", "cm", "2n");
    awaitRun("view-neuron", neuron);
    assertThat(attr("view-neuron-protocol", "class")).contains("stale");
  }

  /**
   * Your own device end to end in the browser: measured DC sweep -> fit (the CLI's cost and card values) -> the card
   * on the device page (its I-V) -> export to SPICE (the subcircuit) -> check on a held-out pulse file -> the card in
   * a circuit through "run your own netlist" (the CLI's steps). The studio had no fit.
   */
  @Test
  @Order(10)
  void aMeasuredDeviceIsFittedCheckedUsedInACircuitAndExported() throws Exception {
    Path dir = Path.of("../examples/data/vo2-galloni2024/pulses").toAbsolutePath().normalize();
    Path data = dir.resolve("4V_0.01s_68.5C.csv");
    Path held = dir.resolve("4.5V_0.01s_68.5C.csv");
    Path cliOut = out.resolve("cli-vo2fit");
    JsonNode cli = StudioFixture.cli("fit", "vo2", "--pulse", data + ":ambient=68.5C", "--starts", "0", "--iterations",
        "2", "--json", "--no-plot", "--out", cliOut.toString());
    Path card = cliOut.resolve("vo2fit.model");
    open("device");
    awaitRun("view-device-iv", 0);
    driver.findElement(By.cssSelector("#device-fit-box summary")).click();
    driver.findElement(By.id("device-fit-files")).sendKeys(data.toString());
    // the file's row: its protocol guessed from its name, its conditions as after the colon of --pulse
    WebElement row = driver.findElement(By.cssSelector("#device-fit-rows [data-file='4V_0.01s_68.5C.csv']"));
    assertThat(row.findElement(By.cssSelector("select")).getAttribute("value")).isEqualTo("pulse");
    row.findElement(By.cssSelector("input[name='conditions']")).sendKeys("ambient=68.5C");
    setField("device-fit-options", "starts", "0");
    setField("device-fit-options", "iterations", "2");
    driver.findElement(By.id("device-fit-run")).click();
    awaitRun("view-device-fit", 0);
    assertThat(driver.findElements(By.cssSelector("#view-device-fit .error"))).isEmpty();
    assertThat(Double.parseDouble(value("view-device-fit", "cost"))).isEqualTo(cli.get("cost").asDouble());
    assertThat(Integer.parseInt(value("view-device-fit", "evaluations"))).isEqualTo(cli.get("evaluations").asInt());
    assertThat(driver.findElements(By.cssSelector("#view-device-fit .panel canvas"))).isNotEmpty();
    assertThat(text("#view-device-fit code.command")).startsWith("./neuristor fit vo2 --pulse ")
        .contains("4V_0.01s_68.5C.csv:ambient=68.5C --seed 1 --starts 0 --iterations 2 --out ");
    screenshot("studio-fit");

    // the card on the device page: its I-V gives the CLI's thresholds
    driver.findElement(By.id("device-fit-use")).click();
    new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> !d.findElements(By.cssSelector("#view-device-iv h2"))
        .isEmpty() && d.findElement(By.cssSelector("#view-device-iv h2")).getText().contains("vo2fit")
        || !d.findElements(By.cssSelector("#view-device-iv .error")).isEmpty());
    assertThat(driver.findElements(By.cssSelector("#view-device-iv .error"))).isEmpty();
    String ivCmd = text("#view-device-iv code.command");
    assertThat(ivCmd).startsWith("./neuristor iv vo2fit.model --sweep ");
    List<String> ivArgs = new ArrayList<>(Arrays.asList(ivCmd.substring("./neuristor ".length()).split(" ")));
    ivArgs.set(1, card.toString());
    ivArgs.addAll(List.of("--no-plot", "--out", out.resolve("cli-vo2fit-iv").toString()));
    JsonNode iv = StudioFixture.cli(ivArgs.toArray(new String[0]));
    assertThat(shownValues("view-device-iv").get("positive")).isEqualTo(iv.get("positive"));

    // export to SPICE: the subcircuit device export writes
    driver.findElement(By.id("device-fit-export")).click();
    int exported = awaitRun("view-device-export", 0);
    String sub = StudioFixture.cli("device", "export", card.toString(), "--json").get("netlist").asText();
    assertThat((String) js.executeScript("return document.querySelector('#view-device-export pre.netlist').textContent"))
        .contains(sub.substring(sub.indexOf(".subckt")));
    // the format menu: the Verilog-A module device export --format verilog-a writes
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("device-fit-format"))).selectByValue("verilog-a");
    driver.findElement(By.id("device-fit-export")).click();
    awaitRun("view-device-export", exported);
    String va = StudioFixture.cli("device", "export", card.toString(), "--format", "verilog-a", "--json").get("netlist")
        .asText();
    assertThat((String) js.executeScript("return document.querySelector('#view-device-export pre.netlist').textContent"))
        .contains(va.substring(va.indexOf("module ")));

    // held out: fit check's figures
    driver.findElement(By.id("device-check-files")).sendKeys(held.toString());
    WebElement hrow = driver.findElement(By.cssSelector("#device-check-rows [data-file='4.5V_0.01s_68.5C.csv']"));
    hrow.findElement(By.cssSelector("input[name='conditions']")).sendKeys("ambient=68.5C");
    driver.findElement(By.id("device-check-run")).click();
    awaitRun("view-device-check", 0);
    assertThat(driver.findElements(By.cssSelector("#view-device-check .error"))).isEmpty();
    assertThat(driver.findElements(By.cssSelector("#view-device-check .panel canvas"))).isNotEmpty();
    JsonNode check = StudioFixture.cli("fit", "check", card.toString(), "--pulse", held + ":ambient=68.5C", "--json",
        "--no-plot", "--out", out.resolve("cli-vo2fit-check").toString());
    assertThat(shownValues("view-device-check").get("files").get(0).get("rms_rel_err"))
        .isEqualTo(check.get("files").get(0).get("rms_rel_err"));

    // in a circuit: the card joins the netlist upload; lif-vo2fit runs on it as run runs it beside the CLI's card
    driver.findElement(By.id("device-fit-netlist")).click();
    driver.findElement(By.id("tab-neuron")).click();
    awaitRun("view-neuron", 0);
    driver.findElement(By.cssSelector("#neuron-netlist-box summary")).click();
    assertThat(text("#neuron-netlist-extra")).contains("vo2fit.model");
    String net = Files.readString(Path.of("../examples/lif-vo2fit.cir"))
        .replace(".include models/vo2-galloni2024.model", ".include vo2fit.model").replace("tstop=3", "tstop=0.5");
    js.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("neuron-netlist-text")), net);
    driver.findElement(By.id("neuron-netlist-run")).click();
    awaitRun("view-neuron-protocol", 0);
    assertThat(driver.findElements(By.cssSelector("#view-neuron-protocol .error"))).isEmpty();
    Path cir = Files.writeString(cliOut.resolve("netlist.cir"), net);
    JsonNode run = StudioFixture.cli("run", cir.toString(), "--json", "--no-plot", "--out",
        out.resolve("cli-vo2fit-run").toString()).get("analyses").get(0);
    assertThat(Long.parseLong(value("view-neuron-protocol", "steps_accepted")))
        .isEqualTo(run.get("steps_accepted").asLong());
    assertThat(Long.parseLong(value("view-neuron-protocol", "newton_iterations")))
        .isEqualTo(run.get("newton_iterations").asLong());
  }

  /**
   * A staged fit (a sweep with a condition of its own) shows one progress bar for the whole fit: its share never goes
   * back while the stages ("sweepB.csv global", "... local 3/4", "joint hop 1/4", ...) each count from 0 again;
   * before, the bar restarted at every stage. Then the held-out check takes any card of the session (the first of two
   * fits) or a .model file, each giving fit check's figures; before, only the last fit's card.
   */
  @Test
  @Order(11)
  void aFitsProgressGoesOnlyForwardAndTheCheckTakesAnyCard() throws Exception {
    Path sweep = Path.of("../examples/data/vo2-galloni2024/iv_dc_dual_sweep.csv").toAbsolutePath().normalize();
    // the sweep ten times over, in two files (4190 rows each): a fit of some seconds, so that the page polls it often
    String long_ = org.neuristor.cli.FitCommandTest.shippedSweepRepeated(10);
    Path sweepA = Files.writeString(out.resolve("sweepA.csv"), long_);
    Path sweepB = Files.writeString(out.resolve("sweepB.csv"), long_);
    Path cliOut = out.resolve("cli-first");
    StudioFixture.cli("fit", "ts", "--iv", sweepA.toString(), "--iv", sweepB + ":roff=fit", "--name", "first", "--starts",
        "4", "--json", "--no-plot", "--out", cliOut.toString());
    open("device");
    awaitRun("view-device-iv", 0);
    // every progress the fit's view shows, as the page shows it, and between the page's polls the job's progress as
    // the server has it every 20 ms (a fit of a second or two is polled by the page only a few times)
    js.executeScript("window.fitProgress = []; const v = studio.device.fitView; const busy = v.busy.bind(v);"
        + "v.busy = (on, p, stage, left) => { if (on && p > 0) window.fitProgress.push([p, stage || '']);"
        + " return busy(on, p, stage, left); };"
        + "window.fitPoll = setInterval(async () => { if (!v.job || v.kind !== 'fit') return;"
        + " const j = await api('api/job/' + v.job); if (j.state === 'running' && j.progress > 0)"
        + " window.fitProgress.push([j.progress, j.stage || '']); }, 20);");
    driver.findElement(By.cssSelector("#device-fit-box summary")).click();
    WebElement type = driver.findElement(By.id("device-fit-type"));
    type.clear();
    type.sendKeys("ts");
    driver.findElement(By.id("device-fit-files")).sendKeys(sweepA + "\n" + sweepB);
    driver.findElement(By.cssSelector("#device-fit-rows [data-file='sweepB.csv'] input[name='conditions']"))
        .sendKeys("roff=fit");
    setField("device-fit-options", "name", "first");
    setField("device-fit-options", "starts", "4");
    driver.findElement(By.id("device-fit-run")).click();
    int fits = awaitRun("view-device-fit", 0);
    assertThat(driver.findElements(By.cssSelector("#view-device-fit .error"))).isEmpty();
    @SuppressWarnings("unchecked")
    List<List<Object>> seen = (List<List<Object>>) js.executeScript("clearInterval(window.fitPoll); return window.fitProgress");
    List<Double> shares = seen.stream().map(e -> ((Number) e.get(0)).doubleValue()).toList();
    String stages = String.join(" | ", seen.stream().map(e -> String.valueOf(e.get(1))).toList());
    assertThat(shares.size()).as(stages).isGreaterThan(5);
    for (int k = 1; k < shares.size(); k++) {
      assertThat(shares.get(k)).as("progress " + k + " of " + shares + " (" + stages + ")")
          .isGreaterThanOrEqualTo(shares.get(k - 1));
    }
    assertThat(stages).contains("fit sweepB.csv").contains("fit joint");
    // a second fit; the check's menu lists both, the newest chosen
    setField("device-fit-options", "name", "second");
    setField("device-fit-options", "starts", "0");
    driver.findElement(By.id("device-fit-run")).click();
    awaitRun("view-device-fit", fits);
    List<String> cards = driver.findElements(By.cssSelector("#device-check-card option")).stream()
        .map(WebElement::getText).toList();
    assertThat(cards).hasSize(3);
    assertThat(cards.get(0)).startsWith("fit 1: first.model (ts, cost ");
    assertThat(cards.get(1)).startsWith("fit 2: second.model (ts, cost ");
    assertThat(cards.get(2)).isEqualTo("a .model file");
    assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("device-check-card")))
        .getFirstSelectedOption().getText()).startsWith("fit 2: ");
    // the first fit's card, checked on the sweep: fit check's figures for the CLI's card of the same command
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("device-check-card"))).selectByIndex(0);
    driver.findElement(By.id("device-check-files")).sendKeys(sweep.toString());
    driver.findElement(By.id("device-check-run")).click();
    int checks = awaitRun("view-device-check", 0);
    assertThat(driver.findElements(By.cssSelector("#view-device-check .error"))).isEmpty();
    assertThat(text("#view-device-check code.command")).startsWith("./neuristor fit check ").contains("first.model --iv ");
    JsonNode cli = StudioFixture.cli("fit", "check", cliOut.resolve("first.model").toString(), "--iv", sweep.toString(),
        "--json", "--no-plot", "--out", out.resolve("cli-first-check").toString());
    assertThat(shownValues("view-device-check").get("files").get(0).get("rms_rel_err"))
        .isEqualTo(cli.get("files").get(0).get("rms_rel_err"));
    // an uploaded card: the shipped VO2 card on the same sweep
    Path shipped = Path.of("../examples/models/vo2-galloni2024.model").toAbsolutePath().normalize();
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("device-check-card"))).selectByIndex(2);
    driver.findElement(By.id("device-check-run")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#view-device-check .error"))
        .isEmpty());
    assertThat(text("#view-device-check .error")).isEqualTo(
        "error: choose the card to check: one fitted in this session, or its .model file");
    driver.findElement(By.id("device-check-card-file")).sendKeys(shipped.toString());
    driver.findElement(By.id("device-check-run")).click();
    awaitRun("view-device-check", checks);
    assertThat(driver.findElements(By.cssSelector("#view-device-check .error"))).isEmpty();
    assertThat(text("#view-device-check code.command")).contains("vo2-galloni2024.model --iv ");
    JsonNode shippedCheck = StudioFixture.cli("fit", "check", shipped.toString(), "--iv", sweep.toString(), "--json",
        "--no-plot", "--out", out.resolve("cli-shipped-check").toString());
    assertThat(shownValues("view-device-check").get("files").get(0).get("rms_rel_err"))
        .isEqualTo(shippedCheck.get("files").get(0).get("rms_rel_err"));
  }

  @Test
  @Order(6)
  void modelPageShowsTheFiringPattern() {
    open("model");
    int done = awaitRun("view-model", 0);
    js.executeScript("document.getElementById('model-name').value='izhikevich';"
        + "document.getElementById('model-name').dispatchEvent(new Event('change'))");
    awaitRun("view-model", done);
    assertThat(value("view-model", "firing_pattern")).isNotEmpty();
    screenshot("studio-model");
  }

  @Test
  @Order(7)
  void resultsPageOpensASweepFolder() throws Exception {
    Path spec = out.resolve("grid.yaml");
    Files.writeString(spec, "name: lif-grid\njob:\n  type: neuron\n  circuit: lif\n  params: {tstop: 40u}\n"
        + "parameters:\n  cm: {grid: [0.5n, 1.5n, 4]}\n  vin: {grid: [2, 3, 3]}\nresults: [rate_hz, spikes]\n");
    org.neuristor.cli.CliHarness.Result r = org.neuristor.cli.CliHarness.run("sweep", spec.toString(), "--out",
        out.resolve("lif-grid").toString(), "--threads", "2");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    open("results");
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(
        By.cssSelector("#results-list button[data-path='lif-grid']")).isEmpty());
    driver.findElement(By.cssSelector("#results-list button[data-path='lif-grid']")).click();
    awaitRun("view-results", 0);
    assertThat(driver.findElements(By.cssSelector("#view-results canvas.heat"))).hasSize(2);
    assertThat(value("view-results", "points")).isEqualTo("12");
    screenshot("studio-results");
    // a folder of plain CSV files: each curve is named by its file (the plots had no name at all)
    Path two = Files.createDirectories(out.resolve("two-files"));
    Files.writeString(two.resolve("a-rates.csv"), "input_V,rate_hz\n1,0\n2,150\n3,300\n");
    Files.writeString(two.resolve("b-energy.csv"), "input_V,energy_J\n1,1e-12\n2,2e-12\n");
    driver.findElement(By.id("results-refresh")).click();
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(
        By.cssSelector("#results-list button[data-path='two-files']")).isEmpty());
    driver.findElement(By.cssSelector("#results-list button[data-path='two-files']")).click();
    awaitRun("view-results", 1);
    assertThat(driver.findElements(By.cssSelector("#view-results .panel .label")).stream().map(WebElement::getText)
        .toList()).containsExactly("a-rates.csv", "b-energy.csv");
  }

  @Test
  @Order(8)
  void twoTabsKeepTheirOwnRunsAndAReloadCancelsItsRun() throws Exception {
    String first = driver.getWindowHandle();
    open("neuron");
    awaitRun("view-neuron", 0);
    // tab A: a run of a few seconds
    setField("neuron-params", "tstop", "30m");
    String a = awaitJob("view-neuron");
    // tab B opens the same page, whose first run goes to the same view: it must not cancel tab A's run
    driver.switchTo().newWindow(org.openqa.selenium.WindowType.TAB);
    try {
      open("neuron");
      awaitRun("view-neuron", 0);
      assertThat(f.await(a).get("state").asText()).as("tab A's run").isEqualTo("done");
      // a reload (or a closed tab) cancels the page's running job: here an f-V curve, which the reloaded
      // page does not start again, so nothing else would stop it
      setField("neuron-params", "tstop", "5m");
      setField("neuron-protocol-params", "fv_points", "20");
      driver.findElement(By.id("neuron-fv")).click();
      String fv = awaitJob("view-neuron-protocol");
      driver.navigate().refresh();
      assertThat(f.await(fv).get("state").asText()).as("the f-V run of the reloaded page").isEqualTo("cancelled");
    } finally {
      driver.close();
      driver.switchTo().window(first);
    }
  }

  /**
   * The progress bar of a long protocol shows its percentage and what it is doing ("inputs 3-4 of 20"); it used to
   * say only "running…".
   */
  @Test
  @Order(9)
  void aLongProtocolShowsItsPercentageAndStage() {
    open("neuron");
    awaitRun("view-neuron", 0);
    setField("neuron-params", "tstop", "5m");
    setField("neuron-protocol-params", "fv_points", "20");
    driver.findElement(By.id("neuron-fv")).click();
    awaitJob("view-neuron-protocol");
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> text("#view-neuron-protocol .busy .progress-text")
        .matches("[1-9]\\d?% · inputs \\d+(-\\d+)? of 20.*"));
    js.executeScript("document.getElementById('view-neuron-protocol').scrollIntoView()");
    screenshot("studio-progress");
    driver.findElement(By.cssSelector("#view-neuron-protocol .busy .cancel")).click();
  }

  /**
   * The refractory button runs the circuit's own paired-pulse pulse: wang's spike pulls the output down and now
   * has a period; pickett2013's one pulse sets off firing that goes on, and the page gives that reason.
   */
  @Test
  @Order(9)
  void theRefractoryButtonUsesTheCircuitsPulse() throws Exception {
    open("neuron");
    int done = awaitRun("view-neuron", 0);
    js.executeScript("studio.neuron.pick('wang')");
    done = awaitRun("view-neuron", done);
    assertThat(driver.findElement(By.cssSelector("#neuron-protocol-params input[name='ref_pulse']"))
        .getAttribute("value")).isEqualTo("pulse:amp=1,width=20u");
    driver.findElement(By.id("neuron-refractory")).click();
    int p = awaitRun("view-neuron-protocol", 0);
    JsonNode cli = StudioFixture.cli("neuron", "run", "wang", "--refractory", "--json", "--no-plot", "--out",
        out.resolve("cli").toString());
    assertThat(Double.parseDouble(value("view-neuron-protocol", "refractory_s")))
        .isEqualTo(cli.get("refractory_s").asDouble());
    js.executeScript("studio.neuron.pick('pickett2013')");
    awaitRun("view-neuron", done);
    driver.findElement(By.id("neuron-refractory")).click();
    awaitRun("view-neuron-protocol", p);
    assertThat(value("view-neuron-protocol", "refractory_reason")).contains("fires on without input");
    js.executeScript("document.querySelector(\"#view-neuron-protocol td[data-key='refractory_reason']\")"
        + ".scrollIntoView({block: 'center'})");
    screenshot("studio-refractory");
  }

  // -------------------------------------------------------------------------------------------------

  /** The browser console's errors since the last call (the driver hands each entry out once). */
  private List<String> severeConsoleEntries() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
  }

  /** Waits until the view's current run is on the server and running; returns its job id. */
  private String awaitJob(String view) {
    new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
      WebElement v = d.findElement(By.id(view));
      return v.getAttribute("data-job") != null && "running".equals(v.getAttribute("data-state"));
    });
    return attr(view, "data-job");
  }

  /** Loads a page afresh (a fragment-only change would not reload it). */
  private void open(String page) {
    driver.get("about:blank");
    driver.get(f.server.url() + "#" + page);
  }

  /** Waits until the view has shown more results than {@code before}; returns the new count. */
  private int awaitRun(String view, int before) {
    new WebDriverWait(driver, Duration.ofSeconds(90)).until(d -> {
      String s = d.findElement(By.id(view)).getAttribute("data-done");
      return s != null && Integer.parseInt(s) > before;
    });
    return Integer.parseInt(attr(view, "data-done"));
  }

  private void setField(String box, String name, String value) {
    WebElement in = driver.findElement(By.cssSelector("#" + box + " input[name='" + name + "']"));
    // select all, type, Enter (the page leaves the field on Enter, which fires one change event)
    in.sendKeys(org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), value,
        org.openqa.selenium.Keys.ENTER);
  }

  private void moveSlider(String box, String name, int position) {
    WebElement s = driver.findElement(By.cssSelector("#" + box + " [data-param='" + name + "'] input[type=range]"));
    js.executeScript("arguments[0].value=arguments[1]; arguments[0].dispatchEvent(new Event('input'))", s, position);
  }

  private String value(String view, String key) {
    return driver.findElement(By.cssSelector("#" + view + " td[data-key='" + key + "']")).getAttribute("data-value");
  }

  /** The values of the result a view shows, as the server sent them (the table rounds nested numbers). */
  private JsonNode shownValues(String view) throws Exception {
    return f.get("api/job/" + attr(view, "data-job")).json().get("view").get("values");
  }

  private String attr(String id, String name) {
    return driver.findElement(By.id(id)).getAttribute(name);
  }

  private String text(String css) {
    return driver.findElement(By.cssSelector(css)).getText();
  }

  private void screenshot(String name) {
    try {
      byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
      Path dir = Path.of("target", "studio-screenshots");
      Files.createDirectories(dir);
      Files.write(dir.resolve(name + ".png"), png);
      String docs = System.getProperty("studio.screenshots");
      if (docs != null && !docs.isBlank()) {
        Files.createDirectories(Path.of(docs));
        Files.write(Path.of(docs, name + ".png"), png);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
