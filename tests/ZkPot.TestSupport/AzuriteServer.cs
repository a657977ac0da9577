using System.ComponentModel;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ZkPot.TestSupport;

/// <summary>
/// An Azurite process (the local Azure Storage emulator, pinned in package-lock.json) on 127.0.0.1 with ports the OS
/// picks, its data in a fresh temporary folder; disposing kills it by PID and deletes the folder.
/// </summary>
public sealed partial class AzuriteServer : IDisposable
{
    /// <summary>The emulator's fixed, publicly documented development account (not a secret).</summary>
    const string Account = "devstoreaccount1";
    const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    readonly Process _process;
    readonly string _location;

    AzuriteServer(Process process, string location, int blobPort, int tablePort)
    {
        _process = process;
        _location = location;
        BlobPort = blobPort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }
    public int TablePort { get; }
    public int ProcessId => _process.Id;

    /// <summary>A connection string for the blob and table endpoints, as Azure SDK clients and Orleans take it.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{Account};TableEndpoint=http://127.0.0.1:{TablePort}/{Account};";

    /// <summary>Starts Azurite (blob and table services) and waits until both listen; throws with its output when it does not start.</summary>
    public static AzuriteServer Start(TimeSpan? timeout = null)
    {
        string azurite = Path.Combine(RepoPaths.NodeModulesBin, "azurite");
        if (!File.Exists(azurite)) throw new OracleException($"Azurite is not installed at {azurite}: run `npm ci` in {RepoPaths.Root}");
        string location = Path.Combine(Path.GetTempPath(), "zkpot-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var info = new ProcessStartInfo(azurite)
        {
            WorkingDirectory = location, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        foreach (var a in new[] { "--blobHost", "127.0.0.1", "--blobPort", "0", "--tableHost", "127.0.0.1", "--tablePort", "0",
                                  "--queueHost", "127.0.0.1", "--queuePort", "0", "--location", location, "--skipApiVersionCheck", "--disableTelemetry" })
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        int blob = 0, table = 0;
        var output = new System.Text.StringBuilder();
        using var ready = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            var m = Listening().Match(e.Data);
            if (!m.Success) return;
            int port = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
            if (m.Groups[1].Value == "Blob") blob = port;
            if (m.Groups[1].Value == "Table") table = port;
            if (Volatile.Read(ref blob) != 0 && Volatile.Read(ref table) != 0) ready.Set();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        try { process.Start(); }
        catch (Win32Exception e) { throw new OracleException($"cannot start {azurite}: {e.Message} (is Node.js on PATH?)"); }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!ready.Wait(timeout ?? TimeSpan.FromSeconds(60)))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            Directory.Delete(location, recursive: true);
            string seen;
            lock (output) seen = output.ToString();
            throw new OracleException($"Azurite did not report listening blob and table ports; its output:\n{seen}");
        }
        return new AzuriteServer(process, location, blob, table);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _process.Dispose();
        try { Directory.Delete(_location, recursive: true); }
        catch (IOException) { }
    }

    [GeneratedRegex(@"Azurite (Blob|Table) service is successfully listening at http://127\.0\.0\.1:(\d+)")]
    private static partial Regex Listening();
}
