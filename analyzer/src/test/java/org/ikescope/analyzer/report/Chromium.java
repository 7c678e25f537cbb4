package org.ikescope.analyzer.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API (plain JSON over HTTP,
 * no client library): open a page, find elements, click, type, run a script, take a screenshot.
 * Chromium starts as the issue asks: {@code --headless --no-sandbox --disable-gpu
 * --disable-background-networking} with an empty {@code --user-data-dir}.
 */
final class Chromium implements AutoCloseable {
    /** The W3C WebDriver key of an element reference. */
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String session;

    /** The Chromium binary and chromedriver, or null when either is not installed. */
    static String[] installed() {
        String browser = firstExecutable("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        String driver = firstExecutable("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        return browser == null || driver == null ? null : new String[] {browser, driver};
    }

    private static String firstExecutable(String... paths) {
        for (String p : paths) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    /**
     * @param log where chromedriver's output goes (a build directory: it says why a session failed)
     */
    Chromium(String browser, String chromedriver, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        profile = Files.createTempDirectory("ikescope-chromium");
        driver = new ProcessBuilder(chromedriver, "--port=" + port).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        base = "http://127.0.0.1:" + port;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                if (call("GET", "/status", null).path("value").path("ready").asBoolean()) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                driver.destroy();
                throw new IOException("chromedriver did not start on port " + port);
            }
            Thread.sleep(100);
        }
        ObjectNode options = JSON.createObjectNode();
        options.put("binary", browser);
        options.putArray("args").add("--headless").add("--no-sandbox").add("--disable-gpu")
                .add("--disable-background-networking").add("--user-data-dir=" + profile).add("--window-size=1280,1000");
        ObjectNode caps = JSON.createObjectNode();
        caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome").set("goog:chromeOptions", options);
        JsonNode r = call("POST", "/session", caps);
        session = r.path("value").path("sessionId").asText();
        if (session.isEmpty()) {
            close();
            throw new IOException("no WebDriver session: " + r);
        }
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        b = switch (method) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString()));
        };
        try {
            HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n = JSON.readTree(resp.body());
            if (resp.statusCode() != 200) {
                throw new IOException(method + " " + path + ": HTTP " + resp.statusCode() + " " + n.path("value").path("message").asText());
            }
            return n;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private JsonNode session(String method, String path, JsonNode body) throws IOException {
        return call(method, "/session/" + session + path, body).path("value");
    }

    void open(Path page) throws IOException {
        session("POST", "/url", JSON.createObjectNode().put("url", page.toAbsolutePath().toUri().toString()));
    }

    /** Runs {@code script} (a function body; {@code arguments} are {@code args}) and returns its value. */
    JsonNode script(String script, Object... args) throws IOException {
        ObjectNode body = JSON.createObjectNode().put("script", script);
        body.set("args", JSON.valueToTree(args));
        return session("POST", "/execute/sync", body);
    }

    /** Elements matching a CSS selector. */
    List<String> findAll(String css) throws IOException {
        JsonNode v = session("POST", "/elements", JSON.createObjectNode().put("using", "css selector").put("value", css));
        List<String> ids = new ArrayList<>();
        v.forEach(e -> ids.add(e.path(ELEMENT).asText()));
        return ids;
    }

    String find(String css) throws IOException {
        JsonNode v = session("POST", "/element", JSON.createObjectNode().put("using", "css selector").put("value", css));
        if (!v.has(ELEMENT)) {
            throw new IOException("no element " + css + ": " + v);
        }
        return v.path(ELEMENT).asText();
    }

    void click(String element) throws IOException {
        session("POST", "/element/" + element + "/click", null);
    }

    void type(String element, String text) throws IOException {
        session("POST", "/element/" + element + "/value", JSON.createObjectNode().put("text", text));
    }

    boolean displayed(String element) throws IOException {
        return session("GET", "/element/" + element + "/displayed", null).asBoolean();
    }

    /** What a person sees of the element (its rendered text). */
    String text(String element) throws IOException {
        return session("GET", "/element/" + element + "/text", null).asText();
    }

    /** Resizes the window to the page's full height (at most 16,000 px) and saves a PNG of it. */
    void screenshot(Path png, int width) throws IOException {
        screenshot(png, width, 16_000);
    }

    /** Resizes the window to the page's height, at most {@code maxHeight} px, and saves a PNG of what it shows. */
    void screenshot(Path png, int width, int maxHeight) throws IOException {
        // Measured in a small window: a page is at least as high as the window it is in.
        session("POST", "/window/rect", JSON.createObjectNode().put("width", width).put("height", 600));
        int height = Math.min(maxHeight, script("return document.documentElement.scrollHeight;").asInt() + 40);
        session("POST", "/window/rect", JSON.createObjectNode().put("width", width).put("height", Math.max(600, height)));
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.write(png, Base64.getDecoder().decode(session("GET", "/screenshot", null).asText()));
    }

    @Override
    public void close() throws IOException {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException e) {
            // the browser is going away anyway
        } finally {
            driver.destroy();
            try (var s = Files.walk(profile)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
