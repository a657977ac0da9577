#:project ../src/ZkPot.Snark/ZkPot.Snark.csproj
// Writes the chain circuit of tests/circuits/chain.circom (s[i+1] = s[i]^2 + k, public k, private x, output out) as
// OUTDIR/chain.r1cs and its witness for x = 3, k = 5 as OUTDIR/chain.wtns, without circom: at 2^20 steps circom2
// takes minutes to compile the circuit, this takes seconds (about 200 bytes of memory per step, all held at once).
//   dotnet run --file bench/make-chain.cs -- STEPS OUTDIR
// The r1cs is the one circom 2 (default simplification) emits, byte for byte: s[0] is an alias of x and s[N] of out,
// so there is exactly one constraint per step, (-s_i) * (s_i) = k - s_{i+1}.
// Wires: 0 = one, 1 = out, 2 = k, 3 = x (= s_0), 3 + j = s_j for 0 < j < N. Labels as circom numbers its signals:
// one, out, k, x, s[0..N], so wire 3 + j carries label 4 + j.
using System.Buffers.Binary;
using System.Diagnostics;
using ZkPot.Snark.Formats;
using Fr = ZkPot.Crypto.PrimeField<ZkPot.Crypto.RModulus>;

if (args.Length != 2 || !int.TryParse(args[0], out var steps) || steps is < 1 or > 1 << 24)
{
    Console.Error.WriteLine("usage: make-chain.cs STEPS OUTDIR (STEPS from 1 to 2^24)");
    return 2;
}
var outDir = args[1];
Directory.CreateDirectory(outDir);
var clock = Stopwatch.StartNew();

const uint OutWire = 1, KWire = 2, XWire = 3;
var nWires = steps + 3;
uint StepWire(int j) => j == 0 ? XWire : j == steps ? OutWire : (uint)(3 + j);

var x = Fr.FromUInt64(3);
var k = Fr.FromUInt64(5);
var minusOne = -Fr.One;

// A and B hold one term per row, C two: row i starts at i (A, B) and 2i (C).
var single = new int[steps + 1];
var pair = new int[steps + 1];
for (var i = 0; i <= steps; i++)
{
    single[i] = i;
    pair[i] = 2 * i;
}
var aWires = new uint[steps];
var bWires = new uint[steps];
var aValues = new Fr[steps];
var bValues = new Fr[steps];
var cWires = new uint[2 * steps];
var cValues = new Fr[2 * steps];
for (var i = 0; i < steps; i++)
{
    var from = StepWire(i);
    var to = StepWire(i + 1);
    aWires[i] = from;
    aValues[i] = minusOne;
    bWires[i] = from;
    bValues[i] = Fr.One;
    // k - s_{i+1} in circom's term order, which compares wire indices as little-endian bytes (lowest byte first),
    // not as numbers: out (wire 1) and wires 256, 257, 512, 513, ... come before k (wire 2). Seen in circom 2.2.3
    // (npm circom2 0.2.23) output; with it the files equal circom's and snarkjs's at 1 to 2^18 - 3 steps.
    var (first, firstValue, second, secondValue) = BinaryPrimitives.ReverseEndianness(to) < BinaryPrimitives.ReverseEndianness(KWire)
        ? (to, minusOne, KWire, Fr.One)
        : (KWire, Fr.One, to, minusOne);
    cWires[2 * i] = first;
    cValues[2 * i] = firstValue;
    cWires[2 * i + 1] = second;
    cValues[2 * i + 1] = secondValue;
}

var labels = new ulong[nWires];
for (var w = 0; w < nWires; w++)
    labels[w] = w <= XWire ? (ulong)w : (ulong)w + 1;
var r1cs = new R1cs(nWires, nPubOut: 1, nPubIn: 1, nPrvIn: 1, nLabels: (ulong)steps + 5,
    new R1csMatrix(single, aWires, aValues), new R1csMatrix((int[])single.Clone(), bWires, bValues),
    new R1csMatrix(pair, cWires, cValues), labels);

var values = new Fr[nWires];
values[0] = Fr.One;
values[KWire] = k;
values[XWire] = x;
var s = x;
for (var j = 1; j <= steps; j++)
{
    s = s * s + k;
    values[StepWire(j)] = s;
}
var witness = new Witness(values);

R1csWriter.Write(r1cs, Path.Combine(outDir, "chain.r1cs"));
WitnessWriter.Write(witness, Path.Combine(outDir, "chain.wtns"));
Console.Error.WriteLine($"chain with {steps} steps ({nWires} wires) written to {outDir} in {clock.Elapsed.TotalSeconds:F1} s");
return 0;
