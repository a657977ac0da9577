using System.CommandLine;
using ZkPot.Snark.Formats;
using ZkPot.Snark.Json;
using ZkPot.Snark.Setup;

namespace ZkPot.Cli.Commands;

/// <summary>
/// `zkpot zkey contribute --in A.zkey --out B.zkey --name NAME [--entropy TEXT]`,
/// `zkpot zkey verify --r1cs R1CS --zkey ZKEY [--ptau PTAU]` (exit 0 when every check passes, 1 at the first that
/// fails, 2 for malformed input) and `zkpot zkey export-vk --zkey ZKEY --vk vk.json`.
/// </summary>
public static class ZkeyCommand
{
    public static Command Create() => new("zkey", "phase 2 of the setup: contributions to a circuit's key, their verification, the verifying key")
    {
        ContributeVerb(), VerifyVerb(), ExportVkVerb(),
    };

    static Command ContributeVerb()
    {
        var input = Options.RequiredText("--in", "the key to contribute to (.zkey)", "ZKEY");
        var output = Options.RequiredText("--out", "where to write the key with this contribution added", "ZKEY");
        var name = Options.RequiredText("--name", $"the contributor's name, recorded in the key (at most {Phase2Ceremony.MaxNameLength} characters)", "NAME");
        var entropy = Options.OptionalText("--entropy", "extra text mixed into the secret", "none: the secret comes from the OS's randomness alone", "TEXT");
        var command = new Command("contribute", "adds a contribution (a fresh secret, then forgotten) to a .zkey") { input, output, name, entropy };
        command.SetAction(p => Contribute(p.GetRequiredValue(input), p.GetRequiredValue(output), p.GetRequiredValue(name), p.GetValue(entropy), p.Output()));
        return command;
    }

    static Command VerifyVerb()
    {
        var r1cs = Options.RequiredText("--r1cs", "the circuit (.r1cs) the key is for", "R1CS");
        var zkey = Options.RequiredText("--zkey", "the key to check (.zkey)", "ZKEY");
        var ptau = Options.OptionalText("--ptau", "the powers-of-tau file the key was made from", "none: the checks that need it are skipped", "PTAU");
        var command = new Command("verify", "checks a key's contribution chain: exit 0 when every check passes, 1 at the first that fails") { r1cs, zkey, ptau };
        command.SetAction(p => Verify(p.GetRequiredValue(r1cs), p.GetRequiredValue(zkey), p.GetValue(ptau), p.Output()));
        return command;
    }

    static Command ExportVkVerb()
    {
        var zkey = Options.RequiredText("--zkey", "the key (.zkey)", "ZKEY");
        var vk = Options.RequiredText("--vk", "where to write the verifying key (snarkjs verification_key.json)", "VK");
        var command = new Command("export-vk", "writes a key's verifying key in snarkjs's JSON") { zkey, vk };
        command.SetAction(p => ExportVk(p.GetRequiredValue(zkey), p.GetRequiredValue(vk), p.Output()));
        return command;
    }

    static int Contribute(string input, string output, string name, string? entropy, TextWriter stdout)
    {
        if (name.Length > Phase2Ceremony.MaxNameLength)
            throw new UsageException($"--name holds at most {Phase2Ceremony.MaxNameLength} characters (snarkjs keeps no more), got {name.Length}");

        var zkey = ZKeyReader.Read(input);
        var next = Phase2Ceremony.Contribute(zkey, name, entropy);
        ZKeyFiles.WriteAtomically(next, output);
        var record = next.Contributions.Items[^1];
        stdout.WriteLine($"wrote {output}: contribution {next.Contributions.Count} \"{name}\"");
        stdout.WriteLine($"contribution hash: {Convert.ToHexStringLower(Phase2Ceremony.ContributionHash(record))}");
        return 0;
    }

    static int Verify(string r1csPath, string zkeyPath, string? ptauPath, TextWriter stdout)
    {

        var r1cs = R1csReader.Read(r1csPath);
        var zkey = ZKeyReader.Read(zkeyPath);
        using var ptau = ptauPath is null ? null : PowersOfTau.Open(ptauPath);
        var report = SetupVerifier.VerifyChain(r1cs, zkey, ptau);
        foreach (var check in report.Checks)
            stdout.WriteLine(check);
        stdout.WriteLine($"contributions: {report.Contributions.Count}" + string.Concat(
            report.Contributions.Select((c, i) => $"{Environment.NewLine}  #{i + 1} {(string.IsNullOrEmpty(c.Name) ? "(no name)" : $"\"{c.Name}\"")}" +
                $"{(c.Type == ZKeyContribution.BeaconType ? " (beacon)" : "")} {Convert.ToHexStringLower(Phase2Ceremony.ContributionHash(c))}")));
        if (report.FirstFailure is { } failure)
        {
            stdout.WriteLine($"FAILED: {failure.Name}: {failure.Detail}");
            return 1;
        }
        stdout.WriteLine(ptau is null ? "OK (without --ptau: the checks marked skip did not run)" : "OK");
        return 0;
    }

    static int ExportVk(string zkeyPath, string vkPath, TextWriter stdout)
    {
        var vk = ZKeyExport.ToVerifyingKey(ZKeyReader.Read(zkeyPath));
        SnarkjsJson.WriteVerifyingKey(vkPath, vk);
        stdout.WriteLine($"wrote {vkPath}: {vk.PublicCount} public signals");
        return 0;
    }
}
