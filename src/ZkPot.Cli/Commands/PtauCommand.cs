using System.Diagnostics;
using System.Globalization;
using ZkPot.Snark.Setup;

namespace ZkPot.Cli.Commands;

/// <summary>
/// Phase 1 of the setup, the powers of tau, in snarkjs's .ptau format (each side checks and extends the other's files):
/// <code>
/// zkpot ptau new --power P --out F.ptau
/// zkpot ptau contribute --in A.ptau --out B.ptau --name NAME [--entropy TEXT]
/// zkpot ptau beacon --in A.ptau --out B.ptau --beacon HEX --iterations-exp E [--name NAME]
/// zkpot ptau verify --ptau F.ptau          (exit 0 OK, 1 a check failed, 2 bad input)
/// zkpot ptau prepare --in A.ptau --out B.ptau
/// </code>
/// Files are written under a temporary name and renamed when complete.
/// </summary>
public static class PtauCommand
{
    const string SubVerbs = "new, contribute, beacon, verify, prepare";

    public static int Run(Args args, TextWriter stdout)
    {
        if (args.Positional.Count == 0)
            throw new UsageException($"missing sub-command: zkpot ptau ({SubVerbs}) [options]");
        if (args.Positional.Count > 1)
            throw new UsageException($"unexpected argument '{args.Positional[1]}'");
        return args.Positional[0] switch
        {
            "new" => New(args, stdout),
            "contribute" => Contribute(args, stdout),
            "beacon" => Beacon(args, stdout),
            "verify" => Verify(args, stdout),
            "prepare" => Prepare(args, stdout),
            var other => throw new UsageException($"unknown sub-command '{other}'; ptau sub-commands: {SubVerbs}"),
        };
    }

    static int New(Args args, TextWriter stdout)
    {
        var power = args.Int("power", -1, Phase1Ceremony.MinPower, Phase1Ceremony.MaxPower);
        var output = args.Required("out");
        args.RejectUnknown();
        if (power < 0)
            throw new UsageException("missing required option --power");
        var clock = Stopwatch.StartNew();
        Phase1Ceremony.New(power, output);
        stdout.WriteLine($"wrote {output}: power {power}, no contributions, in {clock.Elapsed.TotalSeconds:F2} s");
        stdout.WriteLine($"first challenge: {Convert.ToHexStringLower(Phase1Ceremony.FirstChallenge(power))}");
        return 0;
    }

    static int Contribute(Args args, TextWriter stdout)
    {
        var input = args.Required("in");
        var output = args.Required("out");
        var name = RequireName(args.Required("name"));
        var entropy = args.Optional("entropy");
        args.RejectUnknown();
        using var ptau = PowersOfTau.Open(input);
        var clock = Stopwatch.StartNew();
        var record = Phase1Ceremony.Contribute(ptau, output, name, entropy);
        Report(stdout, output, record, clock.Elapsed);
        return 0;
    }

    static int Beacon(Args args, TextWriter stdout)
    {
        var input = args.Required("in");
        var output = args.Required("out");
        var hex = args.Required("beacon");
        var exponent = args.Int("iterations-exp", -1, 10, 63);
        var name = args.Optional("name") is { } given ? RequireName(given) : "beacon";
        args.RejectUnknown();
        if (exponent < 0)
            throw new UsageException("missing required option --iterations-exp (10..63)");
        byte[] beacon;
        try
        {
            beacon = Convert.FromHexString(hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex);
        }
        catch (FormatException)
        {
            throw new UsageException($"--beacon must be hexadecimal bytes, got '{hex}'");
        }
        if (beacon.Length is 0 or > 255)
            throw new UsageException($"--beacon holds 1 to 255 bytes, got {beacon.Length}");
        using var ptau = PowersOfTau.Open(input);
        var clock = Stopwatch.StartNew();
        var record = Phase1Ceremony.Beacon(ptau, output, name, beacon, exponent);
        Report(stdout, output, record, clock.Elapsed);
        return 0;
    }

    static int Verify(Args args, TextWriter stdout)
    {
        var path = args.Required("ptau");
        args.RejectUnknown();
        using var ptau = PowersOfTau.Open(path);
        var report = Phase1Verifier.Verify(ptau);
        foreach (var check in report.Checks)
            stdout.WriteLine(check);
        stdout.WriteLine($"power {ptau.Power} (ceremony {ptau.CeremonyPower}), contributions: {report.Contributions.Count}");
        foreach (var c in report.Contributions)
            stdout.WriteLine(Describe(c));
        if (report.FirstFailure is { } failure)
        {
            stdout.WriteLine($"FAILED: {failure.Name}: {failure.Detail}");
            return 1;
        }
        stdout.WriteLine("OK");
        return 0;
    }

    static int Prepare(Args args, TextWriter stdout)
    {
        var input = args.Required("in");
        var output = args.Required("out");
        args.RejectUnknown();
        using var ptau = PowersOfTau.Open(input);
        var clock = Stopwatch.StartNew();
        Phase1Preparer.Prepare(ptau, output);
        stdout.WriteLine($"wrote {output}: Lagrange bases of domains 2^0..2^{ptau.Power} in {clock.Elapsed.TotalSeconds:F2} s");
        return 0;
    }

    static string RequireName(string name) =>
        name.Length <= PowersOfTauContribution.MaxNameLength
            ? name
            : throw new UsageException($"--name holds at most {PowersOfTauContribution.MaxNameLength} characters (snarkjs keeps no more), got {name.Length}");

    static void Report(TextWriter stdout, string output, PowersOfTauContribution record, TimeSpan elapsed)
    {
        stdout.WriteLine($"wrote {output}: contribution {record.Number} in {elapsed.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture)} s");
        stdout.WriteLine($"response hash: {Convert.ToHexStringLower(record.ResponseHash())}");
        stdout.WriteLine($"next challenge: {Convert.ToHexStringLower(record.NextChallenge)}");
    }

    static string Describe(PowersOfTauContribution c) =>
        $"  #{c.Number} {(string.IsNullOrEmpty(c.Name) ? "(no name)" : $"\"{c.Name}\"")}" +
        (c.IsBeacon ? $" (beacon {Convert.ToHexStringLower(c.BeaconValue!)}, 2^{c.BeaconIterationsExponent} iterations)" : "") +
        $" response {Convert.ToHexStringLower(c.ResponseHash())}";
}
