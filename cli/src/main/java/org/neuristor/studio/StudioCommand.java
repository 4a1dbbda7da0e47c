package org.neuristor.studio;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.neuristor.NeuristorException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code neuristor studio}: a local web page to explore neurons, devices, models and results. This
 * class holds only the options: the server ({@link StudioServer}, Jetty) is loaded when the command
 * runs, so other commands never load it.
 */
@org.neuristor.cli.JsonKeys({"url", "output_folder"})
@Command(name = "studio", mixinStandardHelpOptions = true,
    description = {"Start Neuristor Studio, a local web page to explore neurons, devices, models and results.",
        "It has live plots of the library neurons (sliders for every parameter and the stimulus), devices (I-V, "
            + "pulse response, Monte Carlo of V_th), the biological models, and the sweep and digits results in the "
            + "output folder. Prints a URL with a random access token (with --json as {\"url\": ..., "
            + "\"output_folder\": ...}) and opens the browser when there is one. Ctrl-C stops it."},
    footer = {"", "Examples:", "  ./neuristor studio", "  ./neuristor studio --no-browser --port 8600 --out out"})
public final class StudioCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin org.neuristor.cli.JsonOption json;

  @Option(names = "--port", paramLabel = "N", defaultValue = "0",
      description = "Port to listen on (default: any free port).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS",
      description = "Address to listen on (default 127.0.0.1, this machine only); another address makes the studio "
          + "reachable from the network (a warning is printed).")
  String host;

  @Option(names = "--no-browser", description = "Do not open a browser, only print the URL.")
  boolean noBrowser;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
      description = "Output folder: results shown on the Results page are read from it, CSV downloads are written "
          + "to DIR/studio; nothing outside it is read or written (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Simulations run at the same time (default: cores, at most 4).")
  Integer jobs;

  /** The running server (typed loosely so that loading this class never loads the server's). */
  private volatile AutoCloseable running;

  @Override
  public Integer call() throws Exception {
    String h = host == null ? "127.0.0.1" : host.trim();
    PrintWriter err = json.err();
    PrintWriter outw = json.out();
    if (port < 0 || port > 65535) {
      throw NeuristorException.input("--port must be 0..65535");
    }
    if (jobs != null && (jobs < 1 || jobs > 64)) {
      throw NeuristorException.input("--jobs must be 1..64");
    }
    InetAddress addr;
    try {
      addr = InetAddress.getByName(h);
    } catch (java.net.UnknownHostException e) {
      throw NeuristorException.input("--host: unknown address '" + h + "'");
    }
    if (!addr.isLoopbackAddress()) {
      err.println("warning: --host " + h + " makes the studio reachable from other machines; anyone who has the "
          + "URL with its token can run simulations and read the results in " + out.toAbsolutePath().normalize());
      err.flush();
    }
    return StudioServer.serve(h, port, out, jobs, outw, err, !noBrowser, json.json(), s -> running = s);
  }

  /** Stops a running studio (for tests that run the command in a thread). */
  void stop() throws Exception {
    AutoCloseable s = running;
    if (s != null) {
      s.close();
    }
  }

  /** Opens the URL with the desktop's opener when there is one; otherwise says to open it by hand. */
  static void openBrowser(String url, PrintWriter err) {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String[] cmd;
    if (os.contains("mac")) {
      cmd = new String[] {"open", url};
    } else if (os.contains("win")) {
      cmd = new String[] {"rundll32", "url.dll,FileProtocolHandler", url};
    } else if (System.getenv("DISPLAY") != null || System.getenv("WAYLAND_DISPLAY") != null) {
      cmd = new String[] {"xdg-open", url};
    } else {
      err.println("no display found: open the URL above in a browser");
      err.flush();
      return;
    }
    try {
      if (cmd[0].equals("xdg-open") && !onPath("xdg-open")) {
        throw new java.io.IOException("xdg-open not found");
      }
      new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (java.io.IOException e) {
      err.println("could not open a browser (" + e.getMessage() + "): open the URL above by hand");
      err.flush();
    }
  }

  private static boolean onPath(String exe) {
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, exe))) {
        return true;
      }
    }
    return false;
  }
}
