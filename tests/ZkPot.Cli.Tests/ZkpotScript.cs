using System.Diagnostics;
using ZkPot.TestSupport;

namespace ZkPot.Cli.Tests;

/// <summary>Runs scripts/zkpot as a user would, in a child process, with ZKPOT_BUILD set to pick one build.</summary>
static class ZkpotScript
{
    /// <summary>Long enough for a NativeAOT publish on a loaded 2-core machine when the binary is out of date.</summary>
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(15);

    public static (int Code, string Out, string Err) Run(string build, params string[] args)
    {
        var info = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepoPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(RepoPaths.Root, "scripts", "zkpot"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["ZKPOT_BUILD"] = build;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"scripts/zkpot {string.Join(' ', args)} (ZKPOT_BUILD={build}) ran past {Limit}");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
