using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ZkPot.Infra.Tests;

/// <summary>
/// Debian's <c>prometheus</c> on 127.0.0.1 with its own configuration and data folder, scraping the given targets
/// every second. Dispose stops it by its process id and deletes the folder.
/// </summary>
public sealed class LocalPrometheus : IDisposable
{
    static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);
    static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(30);
    static readonly TimeSpan ScrapeLimit = TimeSpan.FromSeconds(30);

    readonly Process _process;
    readonly string _folder;
    readonly StringBuilder _log = new();
    readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    readonly int _targets;
    readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    LocalPrometheus(IReadOnlyList<string> targets)
    {
        _targets = targets.Count;
        _folder = Directory.CreateTempSubdirectory("zkpot-prometheus-").FullName;
        string config = Path.Combine(_folder, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: {ScrapeInterval.TotalSeconds}s
              scrape_timeout: {ScrapeInterval.TotalSeconds}s
            scrape_configs:
              - job_name: zkpot-silo
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t}'"))}]
            """);
        int port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("prometheus") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_folder, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
            info.ArgumentList.Add(a);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            Directory.Delete(_folder, recursive: true);
            throw new InvalidOperationException($"cannot start prometheus ({e.Message}): install Debian's package (scripts/test does, see ensure_prometheus)", e);
        }
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The HTTP API's base address, such as http://127.0.0.1:41234.</summary>
    public string Url { get; }

    /// <summary>Whole seconds since the start, rounded up: a query range that covers everything scraped.</summary>
    public int SecondsUp => (int)Math.Ceiling((DateTimeOffset.UtcNow - _started).TotalSeconds);

    /// <summary>Starts Prometheus scraping TARGETS (host:port, path /metrics) and waits until it is ready.</summary>
    public static LocalPrometheus Start(IEnumerable<string> targets)
    {
        var prometheus = new LocalPrometheus(targets.ToList());
        try
        {
            prometheus.WaitUntil(StartLimit, "until it was ready", () => prometheus.Get("/-/ready") is not null);
            return prometheus;
        }
        catch
        {
            prometheus.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until every target has been scraped, and was up, at least twice after <paramref name="moment"/>, so that
    /// rate() has two samples of what a round left behind.
    /// </summary>
    public void WaitForScrapesAfter(DateTimeOffset moment)
    {
        string targets = "";
        WaitUntil(ScrapeLimit, $"until it had scraped its {_targets} targets twice after {moment:HH:mm:ss.fff}", () =>
        {
            string? json = Get("/api/v1/targets?state=active");
            if (json is null)
                return false;
            using var doc = JsonDocument.Parse(json);
            var active = doc.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().Select(t => (
                Url: t.GetProperty("scrapeUrl").GetString(), Health: t.GetProperty("health").GetString(),
                Error: t.GetProperty("lastError").GetString(), Last: t.GetProperty("lastScrape").GetDateTimeOffset())).ToList();
            targets = string.Join("; ", active.Select(t => $"{t.Url} {t.Health} last scrape {t.Last:HH:mm:ss.fff} {t.Error}"));
            return active.Count == _targets && active.All(t => t.Health == "up" && t.Last >= moment + 2 * ScrapeInterval);
        }, () => $"targets: {targets}");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }
        _process.Dispose();
        _http.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The body of a 200 answer to GET PATH, or null when Prometheus does not answer or answers otherwise.</summary>
    string? Get(string path)
    {
        try
        {
            using var response = _http.Send(new HttpRequestMessage(HttpMethod.Get, Url + path));
            return response.IsSuccessStatusCode ? new StreamReader(response.Content.ReadAsStream()).ReadToEnd() : null;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    void WaitUntil(TimeSpan limit, string what, Func<bool> done, Func<string>? detail = null)
    {
        var watch = Stopwatch.StartNew();
        while (!done())
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"prometheus exited ({_process.ExitCode}) while waiting for it {what}; its log:\n{Log()}");
            if (watch.Elapsed > limit)
                throw new TimeoutException($"gave up waiting {what} after {limit.TotalSeconds} s; {detail?.Invoke()}; prometheus' log:\n{Log()}");
            Thread.Sleep(250);
        }
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    void Append(string? line)
    {
        if (line is null)
            return;
        lock (_log)
            _log.AppendLine(line);
    }

    string Log()
    {
        lock (_log)
            return _log.ToString();
    }
}
