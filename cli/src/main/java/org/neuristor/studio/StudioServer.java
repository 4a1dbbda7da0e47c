package org.neuristor.studio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.neuristor.NeuristorException;
import org.neuristor.io.Json;

/**
 * The studio's HTTP server (Jetty 12 core handlers): the pages and their assets from the jar, and a
 * small JSON API over {@link Simulations}, {@link ResultsFolder} and the {@link JobQueue}.
 *
 * <p>Security: bound to the loopback address unless a host is given; every request needs the
 * random access token (header {@code X-Neuristor-Token}, query {@code token=} or the cookie set
 * when the page is opened with it; 401 otherwise); on loopback, a {@code Host} header naming another
 * host is refused (DNS rebinding); request bodies over {@link Config#maxBodyBytes} are refused (413)
 * with a message; files are read and written only inside the output folder; at most
 * {@link Config#workers} simulations run at once, {@link #QUEUE} more wait, further ones get 503.
 *
 * <p>API ({@code POST} bodies and answers are JSON):
 * <pre>
 * GET  /api/catalogue             circuits, devices, models and their parameters
 * POST /api/run/KIND?wait=MS      start a job (KIND: neuron, netlist, fv, sd, aon, refractory, iv,
 *                                 pulse, mc, model, results, fit, fitcheck, export); body: the request and an optional
 *                                 "slot" (a new job in a slot cancels the slot's previous job);
 *                                 answers 202 with the job, once it ended or after MS (default 0)
 * GET  /api/job/ID?wait=MS        the job (state, progress, stage and remaining_s while it runs, server_ms, cpu_ms,
 *                                 view or error),
 *                                 waiting up to MS for it to end
 * POST /api/job/ID/cancel         cancel it
 * POST /api/card                  an uploaded .model card's type and values ({"card": TEXT,
 *                                 "cardName": FILE}); device runs take the same two fields
 * GET  /api/job/ID/csv            its data as CSV (also written to OUT/studio/)
 * GET  /api/results               results folders inside the output folder
 * GET  /api/file?path=REL         a PNG or CSV file inside the output folder
 * GET  /api/status                jobs running and waiting, whether the warm-up still runs
 * </pre>
 */
public final class StudioServer implements AutoCloseable {
  /** Jobs that may wait for a worker before new ones are refused. */
  static final int QUEUE = 64;

  /**
   * How to run the studio.
   *
   * @param host address to bind (127.0.0.1 unless given explicitly)
   * @param port port (0: any free port)
   * @param out the output folder (results are read from it; CSV downloads go to {@code out/studio})
   * @param workers simulations run at the same time
   * @param maxBodyBytes largest request body (uploads)
   * @param token access token, or null for a random one
   */
  public record Config(String host, int port, Path out, int workers, long maxBodyBytes, String token) {
    public static final long DEFAULT_MAX_BODY = 2L << 20;

    public static Config defaults(Path out) {
      return new Config("127.0.0.1", 0, out, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
          DEFAULT_MAX_BODY, null);
    }
  }

  private final Config config;
  private final String token;
  private final Server server;
  private final ServerConnector connector;
  private final JobQueue jobs;
  private final ResultsFolder results;
  private final Path downloads;
  private final boolean loopback;
  private final Map<String, byte[]> assets = new ConcurrentHashMap<>();
  private volatile boolean closed;
  private volatile java.util.concurrent.CompletableFuture<Void> warmUp;
  private final ObjectReader reader = Json.mapper().reader()
      .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private StudioServer(Config config) throws IOException {
    this.config = config;
    if (config.token() != null) {
      this.token = config.token();
    } else {
      byte[] b = new byte[24];
      new SecureRandom().nextBytes(b);
      this.token = HexFormat.of().formatHex(b);
    }
    this.results = new ResultsFolder(config.out());
    this.downloads = results.root().resolve("studio");
    this.jobs = new JobQueue(config.workers(), QUEUE, 64);
    InetAddress addr = InetAddress.getByName(config.host());
    this.loopback = addr.isLoopbackAddress();
    QueuedThreadPool threads = new QueuedThreadPool(64, 4);
    threads.setName("studio-http");
    threads.setDaemon(true);
    this.server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    this.connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(config.host());
    connector.setPort(config.port());
    server.addConnector(connector);
    ErrorHandler quiet = new ErrorHandler();
    quiet.setShowStacks(false);
    quiet.setShowMessageInTitle(false);
    server.setErrorHandler(quiet);
    server.setHandler(new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        try {
          route(request, response, callback);
        } catch (Throwable t) {
          Errors.Reported r = Errors.report(t);
          reply(response, callback, 500, Map.of("error", r.message()));
        }
        return true;
      }
    });
  }

  /** Starts a server; {@link #url()} is where to open it. */
  public static StudioServer start(Config config) throws Exception {
    StudioServer s = new StudioServer(config);
    try {
      s.server.start();
    } catch (IOException e) {
      s.close();
      throw NeuristorException.input("cannot listen on " + config.host() + ":" + config.port() + ": "
          + (e.getCause() instanceof java.net.BindException b && String.valueOf(b.getMessage()).contains("in use")
              ? "the port is in use (another studio or program listens there); give another --port, or leave "
                  + "--port out for any free port"
              : e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")")));
    }
    return s;
  }

  /**
   * {@code neuristor studio}: starts the server, prints the URL, opens a browser if asked, and
   * blocks until the server stops.
   *
   * @param started receives the running server (to stop it from elsewhere)
   */
  static int serve(String host, int port, Path out, Integer jobs, java.io.PrintWriter outw, java.io.PrintWriter err,
      boolean browser, boolean json, java.util.function.Consumer<AutoCloseable> started) throws Exception {
    Config d = Config.defaults(out);
    StudioServer s = start(new Config(host, port, out, jobs == null ? d.workers() : jobs, d.maxBodyBytes(), null));
    started.accept(s);
    Runtime.getRuntime().addShutdownHook(new Thread(s::close, "studio-stop"));
    if (json) {
      // one JSON object, as every command prints with --json
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("url", s.url());
      m.put("output_folder", s.outputFolder().toString());
      outw.println(org.neuristor.io.Json.write(m));
    } else {
      outw.println("Neuristor Studio is running; open this URL (Ctrl-C stops the studio):");
      outw.println("  " + s.url());
      outw.println("output folder: " + s.outputFolder());
    }
    outw.flush();
    s.warmUp();
    if (browser) {
      StudioCommand.openBrowser(s.url(), err);
    }
    s.join();
    return 0;
  }

  /** Library-circuit runs of the warm-up: lif, then pickett, each with a different capacitance. */
  static final int WARM_UP_RUNS = 32;

  /**
   * Compiles the simulator before the first slider moves: runs {@code lif} and {@code pickett} (as the
   * neuron page does, result serialized to JSON) {@link #WARM_UP_RUNS} times on one low-priority
   * background thread. A cold JVM spends about ten times the warm CPU time on each of the first
   * 20-odd runs while the JIT compiles; {@code /api/status} reports {@code warming_up} until done.
   * Stops early when the server closes; a failure only ends the warm-up.
   */
  public java.util.concurrent.CompletableFuture<Void> warmUp() {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    warmUp = done;
    Thread t = new Thread(() -> {
      JobQueue.Control control = new JobQueue.Control();
      try {
        for (int k = 0; k < WARM_UP_RUNS && !closed; k++) {
          boolean lif = k < 3 * WARM_UP_RUNS / 4;
          String c = lif ? "lif" : "pickett";
          Map<String, String> p = Map.of(lif ? "cm" : "c2", Simulations.num(0.5 + 0.05 * k) + "n");
          Json.write(Simulations.neuron(new Simulations.NeuronRequest(c, p, null), control).view());
        }
      } catch (RuntimeException e) {
        // a warm-up only: the same run on the page reports its own error
      } finally {
        done.complete(null);
      }
    }, "studio-warm-up");
    t.setDaemon(true);
    t.setPriority(Thread.MIN_PRIORITY);
    t.start();
    return done;
  }

  /** The URL to open, with the access token. */
  public String url() {
    String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    if (h.equals("0.0.0.0") || h.equals("[::]")) {
      h = "127.0.0.1";
    }
    return "http://" + h + ":" + port() + "/?token=" + token;
  }

  public int port() {
    return connector.getLocalPort();
  }

  public String token() {
    return token;
  }

  public Path outputFolder() {
    return results.root();
  }

  /** Blocks until the server stops. */
  public void join() throws InterruptedException {
    server.join();
  }

  @Override
  public void close() {
    closed = true;
    jobs.close();
    try {
      server.stop();
    } catch (Exception e) {
      // stopping: nothing left to report to
    }
  }

  // -----------------------------------------------------------------------------------------------

  private void route(Request request, Response response, Callback callback) throws Exception {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    Fields query = Request.extractQueryParameters(request);
    security(response);
    if (loopback && !hostAllowed(request.getHeaders().get(HttpHeader.HOST))) {
      reply(response, callback, 403, Map.of("error", "error: this studio answers only to localhost"));
      return;
    }
    String given = request.getHeaders().get("X-Neuristor-Token");
    boolean fromQuery = false;
    if (given == null && query.getValue("token") != null) {
      given = query.getValue("token");
      fromQuery = true;
    }
    if (given == null) {
      for (HttpCookie c : Request.getCookies(request)) {
        if (c.getName().equals(cookieName())) {
          given = c.getValue();
        }
      }
    }
    if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
        token.getBytes(StandardCharsets.UTF_8))) {
      String msg = "error: missing or wrong access token; open the URL that 'neuristor studio' printed (it ends "
          + "in ?token=...)";
      if (path.startsWith("/api/")) {
        reply(response, callback, 401, Map.of("error", msg));
      } else {
        send(response, callback, 401, "text/plain; charset=utf-8", (msg + "\n").getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    if (fromQuery) {
      response.getHeaders().add(HttpHeader.SET_COOKIE, cookieName() + "=" + token
          + "; Path=/; HttpOnly; SameSite=Strict");
    }
    if (!path.startsWith("/api/")) {
      asset(path, response, callback);
      return;
    }
    if (method.equals("POST")) {
      byte[] body = body(request, response, callback);
      if (body == null) {
        return;
      }
      post(path, query, body, response, callback);
      return;
    }
    if (!method.equals("GET")) {
      reply(response, callback, 405, Map.of("error", "error: method " + method + " not allowed"));
      return;
    }
    switch (path) {
      case "/api/catalogue" -> reply(response, callback, 200, Simulations.catalogue());
      case "/api/status" -> reply(response, callback, 200, Map.of("running", jobs.running(), "waiting",
          jobs.waiting(), "workers", config.workers(), "output_folder", results.root().toString(), "warming_up",
          warmUp != null && !warmUp.isDone()));
      case "/api/results" -> reply(response, callback, 200, Map.of("output_folder", results.root().toString(),
          "folders", results.list()));
      case "/api/file" -> file(query.getValue("path"), response, callback);
      default -> {
        String[] p = path.split("/");
        // /api/job/ID or /api/job/ID/csv
        if (p.length >= 4 && p[2].equals("job")) {
          JobQueue.Job job = jobs.get(p[3]);
          if (job == null) {
            reply(response, callback, 404, Map.of("error", "error: no such job " + p[3]));
          } else if (p.length == 4) {
            answerWhenDone(job, query, 200, response, callback);
          } else if (p.length == 5 && p[4].equals("csv")) {
            csv(job, response, callback);
          } else {
            reply(response, callback, 404, Map.of("error", "error: not found: " + path));
          }
        } else {
          reply(response, callback, 404, Map.of("error", "error: not found: " + path));
        }
      }
    }
  }

  private void post(String path, Fields query, byte[] body, Response response, Callback callback) {
    String[] p = path.split("/");
    if (p.length == 5 && p[2].equals("job") && p[4].equals("cancel")) {
      JobQueue.Job job = jobs.get(p[3]);
      if (job == null) {
        reply(response, callback, 404, Map.of("error", "error: no such job " + p[3]));
        return;
      }
      jobs.cancel(job);
      reply(response, callback, 200, describe(job));
      return;
    }
    if (path.equals("/api/card")) {
      card(body, response, callback);
      return;
    }
    if (p.length != 4 || !p[2].equals("run")) {
      reply(response, callback, 404, Map.of("error", "error: not found: " + path));
      return;
    }
    JsonNode json;
    try {
      json = reader.readTree(body);
    } catch (IOException e) {
      reply(response, callback, 400, Map.of("error", "error: bad request: " + Errors.oneLine(e.getMessage())));
      return;
    }
    if (json == null || !json.isObject()) {
      reply(response, callback, 400, Map.of("error", "error: bad request: expected a JSON object"));
      return;
    }
    String slot = json.path("slot").isTextual() ? json.path("slot").asText() : null;
    if (slot != null && slot.length() > 64) {
      slot = slot.substring(0, 64);
    }
    JobQueue.Work work;
    try {
      work = work(p[3], json);
    } catch (IOException | IllegalArgumentException e) {
      reply(response, callback, 400, Map.of("error", "error: bad request: " + Errors.oneLine(e.getMessage())));
      return;
    } catch (ResultsFolder.Outside e) {
      reply(response, callback, 403, Map.of("error", "error: " + e.getMessage()));
      return;
    }
    if (work == null) {
      reply(response, callback, 404, Map.of("error", "error: unknown kind of run '" + p[3] + "'"));
      return;
    }
    try {
      JobQueue.Job job = jobs.submit(slot, work);
      answerWhenDone(job, query, 202, response, callback);
    } catch (RejectedExecutionException e) {
      reply(response, callback, 503, Map.of("error", "error: " + e.getMessage()));
    }
  }

  private JobQueue.Work work(String kind, JsonNode json) throws IOException {
    return switch (kind) {
      case "neuron" -> {
        Simulations.NeuronRequest r = read(json, Simulations.NeuronRequest.class);
        yield c -> Simulations.neuron(r, c);
      }
      case "refractory" -> {
        Simulations.NeuronRequest r = read(json, Simulations.NeuronRequest.class);
        yield c -> Simulations.refractory(r, c);
      }
      case "netlist" -> {
        Simulations.NetlistRequest r = read(json, Simulations.NetlistRequest.class);
        yield c -> Simulations.netlist(r, c);
      }
      case "fit" -> {
        Simulations.FitRequest r = read(json, Simulations.FitRequest.class);
        yield c -> Simulations.fit(r, downloads, c);
      }
      case "fitcheck" -> {
        Simulations.FitCheckRequest r = read(json, Simulations.FitCheckRequest.class);
        yield c -> Simulations.fitCheck(r, downloads, c);
      }
      case "export" -> {
        Simulations.ExportRequest r = read(json, Simulations.ExportRequest.class);
        yield c -> Simulations.export(r, downloads, c);
      }
      case "fv" -> {
        Simulations.FvRequest r = read(json, Simulations.FvRequest.class);
        yield c -> Simulations.fv(r, c);
      }
      case "sd" -> {
        Simulations.SdRequest r = read(json, Simulations.SdRequest.class);
        yield c -> Simulations.strengthDuration(r, c);
      }
      case "aon" -> {
        Simulations.AonRequest r = read(json, Simulations.AonRequest.class);
        yield c -> Simulations.allOrNothing(r, c);
      }
      case "iv" -> {
        Simulations.DeviceRequest r = read(json, Simulations.DeviceRequest.class);
        yield c -> Simulations.iv(r, c);
      }
      case "pulse" -> {
        Simulations.DeviceRequest r = read(json, Simulations.DeviceRequest.class);
        yield c -> Simulations.pulse(r, c);
      }
      case "mc" -> {
        Simulations.DeviceRequest r = read(json, Simulations.DeviceRequest.class);
        yield c -> Simulations.monteCarlo(r, c);
      }
      case "model" -> {
        Simulations.ModelRequest r = read(json, Simulations.ModelRequest.class);
        yield c -> Simulations.model(r, c);
      }
      case "results" -> {
        String rel = json.path("path").asText(".");
        results.resolve(rel); // refuse outside paths at once (403), not as a failed job
        yield c -> results.open(rel);
      }
      default -> null;
    };
  }

  private <T> T read(JsonNode json, Class<T> type) throws IOException {
    return reader.treeToValue(json, type);
  }

  /** Reads an uploaded {@code .model} card (its text, never a path): its device type and values. */
  private void card(byte[] body, Response response, Callback callback) {
    Simulations.DeviceRequest r;
    try {
      r = reader.readValue(body, Simulations.DeviceRequest.class);
    } catch (IOException e) {
      reply(response, callback, 400, Map.of("error", "error: bad request: " + Errors.oneLine(e.getMessage())));
      return;
    }
    if (r.card() == null) {
      reply(response, callback, 400, Map.of("error", "error: bad request: no card"));
      return;
    }
    try {
      reply(response, callback, 200, Simulations.card(r));
    } catch (RuntimeException e) {
      Errors.Reported rep = Errors.report(e);
      reply(response, callback, 400, Map.of("error", rep.message(), "exit_code", rep.exitCode()));
    }
  }

  /**
   * Answers with the job once it has ended or after {@code ?wait=MS} (at most 30 s; none by default),
   * whichever comes first, so that a short run needs no second request.
   */
  private void answerWhenDone(JobQueue.Job job, Fields query, int status, Response response, Callback callback) {
    long wait = Math.max(0, Math.min(30_000, parseLong(query.getValue("wait"), 0)));
    job.finished.copy().completeOnTimeout(job, wait, TimeUnit.MILLISECONDS)
        .thenAccept(j -> reply(response, callback, status, describe(job)));
  }

  private Map<String, Object> describe(JobQueue.Job job) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", job.id);
    m.put("state", job.state().name());
    JobQueue.Control.Report progress = job.control.report();
    m.put("progress", progress.fraction());
    if (job.state() == JobQueue.State.running) {
      // what it is doing out of how many, and the time left at its pace so far (null until it can tell)
      m.put("stage", progress.stage());
      double left = progress.remainingSeconds(job.runMillis());
      m.put("remaining_s", Double.isNaN(left) ? null : left);
    }
    m.put("server_ms", job.serverMillis());
    m.put("run_ms", job.runMillis());
    double cpu = job.cpuMillis();
    m.put("cpu_ms", Double.isNaN(cpu) ? null : cpu);
    if (job.state() == JobQueue.State.done) {
      m.put("view", job.output().view());
    } else if (job.state() == JobQueue.State.failed) {
      m.put("error", job.error());
      m.put("exit_code", job.exitCode());
    }
    return m;
  }

  private void csv(JobQueue.Job job, Response response, Callback callback) throws IOException {
    if (job.state() != JobQueue.State.done) {
      reply(response, callback, 409, Map.of("error", "error: job " + job.id + " is " + job.state().name()
          + ", it has no data"));
      return;
    }
    if (job.output().view().csvName() == null) {
      reply(response, callback, 400, Map.of("error", "error: this result has no CSV file"));
      return;
    }
    String name = job.output().view().csvName().replaceAll("[^A-Za-z0-9._-]", "_");
    Path file;
    try {
      file = job.output().csv().write(downloads.resolve(name));
    } catch (RuntimeException e) {
      Errors.Reported r = Errors.report(e);
      reply(response, callback, 400, Map.of("error", r.message()));
      return;
    }
    response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
    response.getHeaders().put("X-Neuristor-File", results.relative(file));
    send(response, callback, 200, "text/csv; charset=utf-8", Files.readAllBytes(file));
  }

  private void file(String rel, Response response, Callback callback) throws IOException {
    Path p;
    try {
      p = results.resolve(rel);
    } catch (ResultsFolder.Outside e) {
      reply(response, callback, 403, Map.of("error", "error: " + e.getMessage()));
      return;
    }
    String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
    String type = n.endsWith(".png") ? "image/png" : n.endsWith(".csv") ? "text/csv; charset=utf-8"
        : n.endsWith(".svg") ? "image/svg+xml" : null;
    if (type == null || !Files.isRegularFile(p)) {
      reply(response, callback, 404, Map.of("error", "error: no PNG, SVG or CSV file " + rel));
      return;
    }
    send(response, callback, 200, type, Files.readAllBytes(p));
  }

  /**
   * Reads a request body up to the limit; replies 413 and returns null beyond it. A refused body is still read and
   * discarded up to {@link #DRAIN_LIMIT} before the reply, so that a client that sends the whole body before reading
   * (browsers, java.net.http) receives the 413 and its message instead of a connection reset; beyond that the
   * connection is closed at once.
   */
  private byte[] body(Request request, Response response, Callback callback) throws IOException {
    long max = config.maxBodyBytes();
    long declared = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = Request.asInputStream(request)) {
      if (declared > max) {
        if (declared <= DRAIN_LIMIT) {
          drain(in, DRAIN_LIMIT);
        }
        tooLarge(declared, response, callback);
        return null;
      }
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        out.write(buf, 0, n);
        if (out.size() > max) {
          drain(in, DRAIN_LIMIT - out.size());
          tooLarge(-1, response, callback);
          return null;
        }
      }
    }
    return out.toByteArray();
  }

  /** Largest refused body read and discarded before the 413 reply (bytes). */
  static final long DRAIN_LIMIT = 64L << 20;

  /** Reads and discards at most {@code limit} bytes of {@code in}. */
  private static void drain(InputStream in, long limit) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = limit;
    int n;
    while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
      left -= n;
    }
  }

  private void tooLarge(long bytes, Response response, Callback callback) {
    String size = bytes > 0 ? String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0) : "more than the limit";
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    reply(response, callback, 413, Map.of("error", "error: upload too large: " + size + " (the studio accepts "
        + String.format(Locale.ROOT, "%.0f", config.maxBodyBytes() / 1048576.0) + " MB per request)"));
  }

  private void asset(String path, Response response, Callback callback) {
    String name = path.equals("/") ? "index.html" : path.substring(1);
    byte[] data = assets.computeIfAbsent(name, StudioServer::load);
    if (data.length == 0) {
      reply(response, callback, 404, Map.of("error", "error: not found: " + path));
      return;
    }
    String type = name.endsWith(".html") ? "text/html; charset=utf-8" : name.endsWith(".js")
        ? "text/javascript; charset=utf-8" : name.endsWith(".css") ? "text/css; charset=utf-8"
        : "application/octet-stream";
    if (name.endsWith(".html")) {
      response.getHeaders().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; "
          + "style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'");
    }
    send(response, callback, 200, type, data);
  }

  /** A page asset from the jar ({@code vendor/} names map to the uPlot WebJar); empty if absent. */
  private static byte[] load(String name) {
    if (!name.matches("(vendor/)?[a-zA-Z0-9_-]+(\\.[a-zA-Z0-9]+)+")) {
      return new byte[0];
    }
    String resource;
    if (name.startsWith("vendor/")) {
      resource = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/" + name.substring(7);
    } else {
      resource = "/org/neuristor/studio/web/" + name;
    }
    try (InputStream in = StudioServer.class.getResourceAsStream(resource)) {
      return in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  private static String uplotVersion() {
    try (InputStream in = StudioServer.class.getResourceAsStream(
        "/META-INF/maven/org.webjars.npm/uplot/pom.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "missing");
    } catch (IOException e) {
      return "missing";
    }
  }

  private boolean hostAllowed(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    if (colon > 0 && h.indexOf(']') < colon) {
      h = h.substring(0, colon);
    }
    return h.equals("localhost") || h.equals("127.0.0.1") || h.equals("[::1]") || h.startsWith("127.");
  }

  private String cookieName() {
    return "neuristor-studio-" + port();
  }

  private static void security(Response response) {
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
  }

  private static void reply(Response response, Callback callback, int status, Object body) {
    send(response, callback, status, "application/json; charset=utf-8", Json.write(body).getBytes(
        StandardCharsets.UTF_8));
  }

  private static void send(Response response, Callback callback, int status, String type, byte[] data) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
    response.write(true, ByteBuffer.wrap(data), callback);
  }

  private static long parseLong(String s, long def) {
    try {
      return s == null ? def : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return def;
    }
  }
}
