using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace ZkPot.Silo.Tests;

/// <summary>The built silo host running as a child process with profile Local on free loopback ports; killed by PID on dispose.</summary>
public sealed class SiloProcess : IAsyncLifetime
{
    static readonly TimeSpan ReadyLimit = TimeSpan.FromSeconds(60);

    readonly StringBuilder _output = new();
    Process? _process;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Everything the silo wrote so far, for failure messages.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public async Task InitializeAsync()
    {
        string dll = typeof(SiloProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "SiloAssembly").Value!;
        if (!File.Exists(dll))
            throw new FileNotFoundException($"the silo host is not built at {dll}", dll);
        int siloPort = FreePort(), gatewayPort = FreePort(), httpPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(dll);
        foreach (var (option, value) in new[] { ("--silo-port", siloPort), ("--gateway-port", gatewayPort), ("--http-port", httpPort) })
        {
            info.ArgumentList.Add(option);
            info.ArgumentList.Add(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        info.Environment["ZKPOT_PROFILE"] = "Local";
        info.Environment["ZKPOT_SILO_OWNER"] = "owner-test";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Http.BaseAddress = new Uri($"http://127.0.0.1:{httpPort}");
        await WaitReadyAsync();
    }

    async Task WaitReadyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyLimit)
        {
            if (_process!.HasExited)
                throw new InvalidOperationException($"the silo exited with code {_process.ExitCode} before /health/ready answered 200:\n{Output}");
            try
            {
                using var response = await Http.GetAsync("/health/ready");
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Kestrel is not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"/health/ready did not answer 200 within {ReadyLimit.TotalSeconds} s:\n{Output}");
    }

    public Task DisposeAsync()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                using var byId = Process.GetProcessById(_process.Id);
                byId.Kill();
                byId.WaitForExit(10_000);
            }
        }
        finally
        {
            _process?.Dispose();
            Http.Dispose();
        }
        return Task.CompletedTask;
    }

    void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
