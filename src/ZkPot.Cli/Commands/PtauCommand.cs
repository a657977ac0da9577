using System.CommandLine;
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
    public static Command Create() => new("ptau", "phase 1 of the setup, the powers of tau, in snarkjs's .ptau format")
    {
        NewVerb(), ContributeVerb(), BeaconVerb(), VerifyVerb(), PrepareVerb(),
    };

    static Option<string> In() => Options.RequiredText("--in", "the powers-of-tau file to start from", "PTAU");

    static Option<string> Out() => Options.RequiredText("--out", "where to write the result (under a temporary name until complete)", "PTAU");

    static Command NewVerb()
    {
        var power = Options.RequiredInt("--power", "the ceremony's power: it supports circuits of up to 2^power constraints",
            Phase1Ceremony.MinPower, Phase1Ceremony.MaxPower);
        var output = Out();
        var command = new Command("new", "starts a ceremony: a file of the given power with no contribution") { power, output };
        command.SetAction(p => New(p.GetValue(power), p.GetRequiredValue(output), p.Output()));
        return command;
    }

    static Command ContributeVerb()
    {
        var (input, output) = (In(), Out());
        var name = Options.RequiredText("--name", $"the contributor's name, recorded in the file (at most {PowersOfTauContribution.MaxNameLength} characters)", "NAME");
        var entropy = Options.OptionalText("--entropy", "extra text mixed into the secret", "none: the secret comes from the OS's randomness alone", "TEXT");
        var command = new Command("contribute", "adds a contribution (a fresh secret, then forgotten)") { input, output, name, entropy };
        command.SetAction(p => Contribute(p.GetRequiredValue(input), p.GetRequiredValue(output), RequireName(p.GetRequiredValue(name)), p.GetValue(entropy), p.Output()));
        return command;
    }

    static Command BeaconVerb()
    {
        var (input, output) = (In(), Out());
        var beacon = Options.RequiredText("--beacon", "the public random value, 1 to 255 bytes in hexadecimal", "HEX");
        var exponent = Options.RequiredInt("--iterations-exp", "the beacon is hashed 2^E times", 10, 63);
        var name = Options.Text("--name", $"the name recorded for the beacon (at most {PowersOfTauContribution.MaxNameLength} characters)", "beacon", "NAME");
        var command = new Command("beacon", "closes a ceremony with a contribution derived from a public random beacon") { input, output, beacon, exponent, name };
        command.SetAction(p => Beacon(p.GetRequiredValue(input), p.GetRequiredValue(output), p.GetRequiredValue(beacon), p.GetValue(exponent),
            RequireName(p.GetRequiredValue(name)), p.Output()));
        return command;
    }

    static Command VerifyVerb()
    {
        var ptau = Options.RequiredText("--ptau", "the powers-of-tau file to check", "PTAU");
        var command = new Command("verify", "checks every contribution: exit 0 OK, 1 when a check fails") { ptau };
        command.SetAction(p => Verify(p.GetRequiredValue(ptau), p.Output()));
        return command;
    }

    static Command PrepareVerb()
    {
        var (input, output) = (In(), Out());
        var command = new Command("prepare", "adds the Lagrange bases that zkpot setup and snarkjs need") { input, output };
        command.SetAction(p => Prepare(p.GetRequiredValue(input), p.GetRequiredValue(output), p.Output()));
        return command;
    }

    static int New(int power, string output, TextWriter stdout)
    {
        var clock = Stopwatch.StartNew();
        Phase1Ceremony.New(power, output);
        stdout.WriteLine($"wrote {output}: power {power}, no contributions, in {clock.Elapsed.TotalSeconds:F2} s");
        stdout.WriteLine($"first challenge: {Convert.ToHexStringLower(Phase1Ceremony.FirstChallenge(power))}");
        return 0;
    }

    static int Contribute(string input, string output, string name, string? entropy, TextWriter stdout)
    {
        using var ptau = PowersOfTau.Open(input);
        var clock = Stopwatch.StartNew();
        var record = Phase1Ceremony.Contribute(ptau, output, name, entropy);
        Report(stdout, output, record, clock.Elapsed);
        return 0;
    }

    static int Beacon(string input, string output, string hex, int exponent, string name, TextWriter stdout)
    {
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

    static int Verify(string path, TextWriter stdout)
    {
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

    static int Prepare(string input, string output, TextWriter stdout)
    {
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
