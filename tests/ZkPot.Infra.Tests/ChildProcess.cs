using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ZkPot.Infra.Tests;

/// <summary>Runs a program from the repository root and captures its exit code and output.</summary>
public static class ChildProcess
{
    // The first run may restore the Bicep CLI from NuGet (about 120 MB) or run npm ci.
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>Runs FILE with ARGUMENTS in the repository root (with extra environment variables); throws when it cannot start or outlives the limit.</summary>
    public static ProcessOutput Run(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = RepoPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;

        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"cannot start {file}: {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish within {Limit}");
        }
        process.WaitForExit();
        lock (stdout)
        lock (stderr)
            return new ProcessOutput(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    static void Append(StringBuilder sink, string? line)
    {
        if (line is null)
            return;
        lock (sink)
            sink.AppendLine(line);
    }
}
