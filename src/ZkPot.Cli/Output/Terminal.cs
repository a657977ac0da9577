namespace ZkPot.Cli.Output;

/// <summary>
/// What a command's output goes to: an interactive terminal of some width (live views and boxed tables), or not (a file,
/// a pipe, a test's writer: plain lines only). Commands decide once, from the writer they were given; tests pass their own.
/// </summary>
public sealed record Terminal(bool Interactive, int Width)
{
    /// <summary>Output that is not a terminal: plain lines, never redrawn, never cut to a width.</summary>
    public static readonly Terminal NotATerminal = new(false, int.MaxValue);

    /// <summary>The process's own terminal when <paramref name="output"/> is the console's standard output and that is not redirected.</summary>
    public static Terminal Of(TextWriter output)
    {
        if (!ReferenceEquals(output, Console.Out) || Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") == "dumb")
            return NotATerminal;
        int width;
        try { width = Console.WindowWidth; }
        catch (IOException) { width = 0; }
        return new Terminal(true, width > 0 ? width : 80);
    }
}
