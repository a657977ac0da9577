using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace ZkPot.TestSupport;

/// <summary>Runs node as a child process from the repository root and captures what it writes.</summary>
public static partial class NodeProcess
{
    /// <summary>How long an oracle command may run: a 2^14 setup takes seconds, but a loaded CI machine is slow.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(15);

    /// <summary>Runs <c>node ARGUMENTS</c> and returns its exit code and output, whatever the exit code.</summary>
    public static ProcessOutput Run(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.Root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

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
            throw new OracleException($"cannot start `{Describe(arguments)}`: {e.Message} (is Node.js on PATH?)");
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new OracleException(
                $"`{Describe(arguments)}` did not finish within {limit} and was killed; stderr: {Tail(Text(stderr))}");
        }
        // The parameterless wait also drains the asynchronous output readers.
        process.WaitForExit();
        return new ProcessOutput(process.ExitCode, Text(stdout), Text(stderr));
    }

    /// <summary>Runs <c>node ARGUMENTS</c>; throws <see cref="OracleException"/> with the command and its output unless it exits with 0.</summary>
    public static ProcessOutput RunChecked(IReadOnlyList<string> arguments, TimeSpan? timeout = null)
    {
        var output = Run(arguments, timeout);
        if (output.ExitCode != 0)
            throw Failure(arguments, output);
        return output;
    }

    /// <summary>The exception for a command that ended in an unexpected way, quoting the end of both output streams.</summary>
    public static OracleException Failure(IReadOnlyList<string> arguments, ProcessOutput output) =>
        new($"`{Describe(arguments)}` (in {RepoPaths.Root}) exited with {output.ExitCode}; " +
            $"stderr: {Tail(output.Stderr)}; stdout: {Tail(output.Stdout)}");

    /// <summary>The command line as a person would type it, for error messages.</summary>
    public static string Describe(IReadOnlyList<string> arguments) =>
        "node " + string.Join(' ', arguments.Select(a => a.Contains(' ') ? $"\"{a}\"" : a));

    static void Append(StringBuilder sink, string? line)
    {
        if (line is null)
            return;
        lock (sink)
            sink.AppendLine(line);
    }

    // snarkjs and circom colour their logs; the escapes only clutter exception messages.
    static string Text(StringBuilder sink)
    {
        lock (sink)
            return AnsiEscape().Replace(sink.ToString(), "").TrimEnd();
    }

    static string Tail(string text)
    {
        const int keep = 4000;
        if (text.Length == 0)
            return "(empty)";
        return text.Length <= keep ? text : "..." + text[^keep..];
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
