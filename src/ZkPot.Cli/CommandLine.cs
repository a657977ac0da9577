using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace ZkPot.Cli;

/// <summary>
/// `zkpot VERB [SUB-VERB] [options]` on System.CommandLine. The exit-code contract: 0 when what was asked holds, 1 when
/// the thing checked does not hold (or the run failed), 2 for bad input with one line on stderr naming the problem and
/// nothing changed. `--help` (or `zkpot help VERB`) prints a verb's options with their defaults and exits 0.
/// </summary>
public static class CommandLine
{
    /// <summary>The whole command tree: the root, its verbs (each in a file of its own under Commands/) and their sub-verbs.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("zkpot: Groth16 proofs, the trusted setup, and proof-of-training federated learning on Orleans.")
        {
            Commands.VerifyCommand.Create(),
            Commands.ProveCommand.Create(),
            Commands.PtauCommand.Create(),
            Commands.SetupCommand.Create(),
            Commands.ZkeyCommand.Create(),
            Commands.AccuracyCommand.Create(),
            Commands.ConsensusSimCommand.Create(),
            Commands.ChainCommand.Create(),
            Commands.SimulateCommand.Create(),
            Commands.ParticipantCommand.Create(),
            Commands.MemberCommand.Create(),
            Commands.FederationCommand.Create(),
            Commands.ClusterBenchCommand.Create(),
            Commands.BenchCommand.Create(),
            Commands.EvaluateCommand.Create(),
        };
        root.Options.OfType<HelpOption>().Single().Action = new HelpText();
        root.Options.OfType<VersionOption>().Single().Description = "show the version";
        return root;
    }

    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        // `zkpot` alone shows the verbs, as a usage error; `zkpot help [VERB]` is `zkpot [VERB] --help`.
        bool bare = argv.Length == 0;
        if (bare) argv = ["--help"];
        else if (argv[0] == "help") argv = [.. argv[1..], "--help"];

        var parsed = Build().Parse(argv, new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        if (parsed.Action is HelpText)
        {
            parsed.Invoke(invocation);
            return bare ? 2 : 0;
        }
        string prefix = UsageErrors.Prefix(parsed);
        if (parsed.Errors.Count > 0)
        {
            stderr.WriteLine($"{prefix}: {UsageErrors.Describe(parsed)}");
            return 2;
        }
        try
        {
            return parsed.Invoke(invocation);
        }
        catch (Exception e) when (e is UsageException or FormatException or InvalidDataException or IOException
                                   or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"{prefix}: {e.Message}");
            return 2;
        }
    }

    /// <summary>Where a verb writes what it prints: the writer <see cref="Run"/> was given.</summary>
    public static TextWriter Output(this ParseResult parsed) => parsed.InvocationConfiguration.Output;
}
