#:project ../ZkPot.TestSupport/ZkPot.TestSupport.csproj
// Builds (or finds in the cache) an oracle fixture and prints where it is, for shell scripts:
//   dotnet run --file tests/oracle/make-fixture.cs -- mul|chain PROOFS
// prints lines `dir=...`, `vk=...`, `batch=...`, `zkey=...`, `r1cs=...`, `wasm=...` and the build time on stderr.
using System.Diagnostics;
using ZkPot.TestSupport;

if (args.Length != 2 || !int.TryParse(args[1], out var proofs) || proofs is < 1 or > 999)
{
    Console.Error.WriteLine("usage: make-fixture.cs mul|chain PROOFS (1 to 999)");
    return 2;
}
var clock = Stopwatch.StartNew();
OracleFixture fixture = args[0] switch
{
    "mul" => OracleFixtures.Mul(proofs),
    "chain" => OracleFixtures.Chain(proofs),
    _ => throw new ArgumentException($"unknown circuit '{args[0]}'; expected mul or chain"),
};
Console.Error.WriteLine($"fixture {fixture.Name} with {proofs} proofs ready in {clock.Elapsed.TotalSeconds:F1} s");
Console.WriteLine($"dir={fixture.Directory}");
Console.WriteLine($"vk={fixture.VerificationKey}");
Console.WriteLine($"batch={fixture.BatchDirectory}");
Console.WriteLine($"zkey={fixture.Zkey}");
Console.WriteLine($"r1cs={fixture.R1cs}");
Console.WriteLine($"wasm={fixture.Wasm}");
return 0;
