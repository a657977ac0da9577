namespace ZkPot.Cli;

/// <summary>Dispatches `zkpot VERB ...` to one command; maps bad input to exit code 2 with one line on stderr.</summary>
public static class CommandLine
{
    /// <summary>Every verb the CLI knows, each in a file of its own under Commands/.</summary>
    static readonly Dictionary<string, Func<Args, TextWriter, int>> Verbs = new(StringComparer.Ordinal)
    {
        ["verify"] = Commands.VerifyCommand.Run,
        ["consensus-sim"] = Commands.ConsensusSimCommand.Run,
        ["chain"] = Commands.ChainCommand.Run,
        ["prove"] = Commands.ProveCommand.Run,
        ["accuracy"] = Commands.AccuracyCommand.Run,
        ["setup"] = Commands.SetupCommand.Run,
        ["zkey"] = Commands.ZkeyCommand.Run,
        ["ptau"] = Commands.PtauCommand.Run,
        ["bench"] = Commands.BenchCommand.Run,
        ["simulate"] = Commands.SimulateCommand.Run,
        ["participant"] = Commands.ParticipantCommand.Run,
        ["cluster-bench"] = Commands.ClusterBenchCommand.Run,
        ["evaluate"] = Commands.EvaluateCommand.Run,
    };

    public static int Run(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
        {
            stdout.WriteLine("usage: zkpot <verb> [options]; verbs: " + string.Join(", ", Verbs.Keys.Order()));
            return argv.Length == 0 ? 2 : 0;
        }
        if (!Verbs.TryGetValue(argv[0], out var verb))
        {
            stderr.WriteLine($"zkpot: unknown verb '{argv[0]}'; verbs: {string.Join(", ", Verbs.Keys.Order())}");
            return 2;
        }
        try
        {
            return verb(Args.Parse(argv.AsSpan(1)), stdout);
        }
        catch (Exception e) when (e is UsageException or FormatException or InvalidDataException or IOException
                                   or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            stderr.WriteLine($"zkpot {argv[0]}: {e.Message}");
            return 2;
        }
    }
}

/// <summary>A mistake in how the command was called.</summary>
public sealed class UsageException(string message) : Exception(message);
