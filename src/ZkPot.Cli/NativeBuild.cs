namespace ZkPot.Cli;

/// <summary>
/// What the NativeAOT build of the CLI leaves to the JIT build, and the one line that says so. scripts/zkpot routes the
/// same command lines to the JIT build (its list must match <see cref="JitOnlyVerbs"/>; a test checks it).
/// </summary>
public static class NativeBuild
{
    /// <summary>
    /// Verbs that need the JIT build, with the reason: Orleans finds grain assemblies and builds code at run time
    /// (under NativeAOT `simulate` dies loading Orleans.DurableJobs); `accuracy` writes its report with
    /// reflection-based JSON serialization, which NativeAOT disables.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> JitOnlyVerbs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["simulate"] = "it hosts Orleans grains, and Orleans loads assemblies and generates code at run time",
        ["participant"] = "it hosts Orleans grains, and Orleans loads assemblies and generates code at run time",
        ["member"] = "it hosts Orleans grains, and Orleans loads assemblies and generates code at run time",
        ["federation"] = "it is an Orleans client, and Orleans loads assemblies and generates code at run time",
        ["cluster-bench"] = "it hosts Orleans grains, and Orleans loads assemblies and generates code at run time",
        ["accuracy"] = "it writes its JSON report with reflection-based serialization",
        ["evaluate"] = "it draws its report with ScottPlot and SkiaSharp, which are not built or tested for NativeAOT here",
    };

    /// <summary>The only prover engine the native build runs: the others start ILGPU, which emits IL at run time.</summary>
    public const string NativeEngine = "cpu";

    /// <summary>Why the native build cannot run this command line (verb first), or null when it can (asking for help it always can).</summary>
    public static string? JitOnlyReason(ReadOnlySpan<string> argv)
    {
        if (argv.Length == 0 || argv[0] == "help" || argv.ContainsAny(["-h", "--help", "-?"])) return null;
        string verb = argv[0];
        if (JitOnlyVerbs.TryGetValue(verb, out var why)) return Refusal(verb, why);
        string? engine = EngineOption(argv[1..]);
        return engine is null || engine == NativeEngine
            ? null
            : Refusal(verb, $"--engine {engine} starts ILGPU, which emits IL at run time (the native build runs --engine {NativeEngine} only)");
    }

    static string Refusal(string verb, string why) =>
        $"zkpot {verb}: this is the NativeAOT build, which cannot run this command: {why}; " +
        "run it with the JIT build (scripts/zkpot does so by itself, or ZKPOT_BUILD=jit scripts/zkpot ...)";

    /// <summary>The value of `--engine VALUE` or `--engine=VALUE`, or null when the option is absent.</summary>
    static string? EngineOption(ReadOnlySpan<string> options)
    {
        for (int i = 0; i < options.Length; i++)
        {
            if (options[i].StartsWith("--engine=", StringComparison.Ordinal)) return options[i]["--engine=".Length..];
            if (options[i] == "--engine" && i + 1 < options.Length) return options[i + 1];
        }
        return null;
    }
}
