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
    const string SubVerbs = "contribute, verify, export-vk";

    public static int Run(Args args, TextWriter stdout)
    {
        if (args.Positional.Count == 0)
            throw new UsageException($"missing sub-command: zkpot zkey ({SubVerbs}) [options]");
        if (args.Positional.Count > 1)
            throw new UsageException($"unexpected argument '{args.Positional[1]}'");
        return args.Positional[0] switch
        {
            "contribute" => Contribute(args, stdout),
            "verify" => Verify(args, stdout),
            "export-vk" => ExportVk(args, stdout),
            var other => throw new UsageException($"unknown sub-command '{other}'; zkey sub-commands: {SubVerbs}"),
        };
    }

    static int Contribute(Args args, TextWriter stdout)
    {
        var input = args.Required("in");
        var output = args.Required("out");
        var name = args.Required("name");
        var entropy = args.Optional("entropy");
        args.RejectUnknown();
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

    static int Verify(Args args, TextWriter stdout)
    {
        var r1csPath = args.Required("r1cs");
        var zkeyPath = args.Required("zkey");
        var ptauPath = args.Optional("ptau");
        args.RejectUnknown();

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

    static int ExportVk(Args args, TextWriter stdout)
    {
        var zkeyPath = args.Required("zkey");
        var vkPath = args.Required("vk");
        args.RejectUnknown();
        var vk = ZKeyExport.ToVerifyingKey(ZKeyReader.Read(zkeyPath));
        SnarkjsJson.WriteVerifyingKey(vkPath, vk);
        stdout.WriteLine($"wrote {vkPath}: {vk.PublicCount} public signals");
        return 0;
    }
}
