using ZkPot.Snark.Circuits;
using Fr = ZkPot.Crypto.PrimeField<ZkPot.Crypto.RModulus>;

namespace ZkPot.TestSupport;

/// <summary>
/// Every witness of a small circuit for fixed inputs: each wire constrained boolean (b * (1 - b) = 0) is enumerated
/// over {0, 1}, and the other computed wires are solved from constraints in which they are the only unknown and appear
/// linearly (a hint's defining constraint, a product, an inverse). A circuit with k boolean hints has 2^k candidates;
/// those that satisfy every constraint are its witnesses. A wire no constraint determines (IsZero's inverse of 0)
/// keeps its honest value and is reported in <see cref="Result.Guessed"/>, so a test can check that only wires known
/// to be free were guessed: then the search is exhaustive up to those wires' values.
/// </summary>
public static class SecondWitnessSearch
{
    /// <param name="Witnesses">Satisfying assignments found, the honest one among them.</param>
    /// <param name="Guessed">Wires that no constraint determined in some candidate; they kept their honest value.</param>
    public sealed record Result(List<Fr[]> Witnesses, SortedSet<int> Guessed, int BooleanWires);

    public static Result Run(BuiltCircuit circuit, int maxBooleans = 16)
    {
        var r1cs = circuit.R1cs;
        var inputs = circuit.Witness.Values;
        var booleans = Enumerable.Range(0, r1cs.NWires).Where(w => !circuit.IsInputWire(w) && IsBooleanConstrained(circuit, w)).ToArray();
        if (booleans.Length > maxBooleans)
            throw new InvalidOperationException($"{booleans.Length} boolean wires: too many to enumerate");
        var witnesses = new List<Fr[]>();
        var guessed = new SortedSet<int>();
        for (long mask = 0; mask < 1L << booleans.Length; mask++)
        {
            var value = new Fr[r1cs.NWires];
            var known = new bool[r1cs.NWires];
            for (int w = 0; w < r1cs.NWires; w++)
                if (circuit.IsInputWire(w)) { value[w] = inputs[w]; known[w] = true; }
            for (int i = 0; i < booleans.Length; i++)
            {
                value[booleans[i]] = ((mask >> i) & 1) != 0 ? Fr.One : Fr.Zero;
                known[booleans[i]] = true;
            }
            Propagate(r1cs, value, known);
            // Guess internal wires first, in allocation order (an inverse before the bit it serves); outputs are solved.
            for (int w; (w = NextUnknown(known, r1cs.NPubOut)) >= 0;)
            {
                value[w] = inputs[w];
                known[w] = true;
                guessed.Add(w);
                Propagate(r1cs, value, known);
            }
            if (r1cs.FirstUnsatisfiedConstraint(value) < 0) witnesses.Add(value);
        }
        return new Result(witnesses, guessed, booleans.Length);
    }

    static int NextUnknown(bool[] known, int outputs)
    {
        int internalWire = Array.IndexOf(known, false, 1 + outputs);
        return internalWire >= 0 ? internalWire : Array.IndexOf(known, false);
    }

    static bool IsBooleanConstrained(BuiltCircuit circuit, int wire)
    {
        var r1cs = circuit.R1cs;
        for (int row = 0; row < r1cs.NConstraints; row++)
        {
            var a = r1cs.A.RowWires(row);
            if (a.Length != 1 || a[0] != wire || !r1cs.C.RowWires(row).IsEmpty) continue;
            var b = r1cs.B.RowWires(row);
            if (b.Length == 2 && b[0] == 0 && b[1] == wire && r1cs.B.RowValues(row)[0] == Fr.One && r1cs.B.RowValues(row)[1] == -Fr.One)
                return true;
        }
        return false;
    }

    static void Propagate(Snark.Formats.R1cs r1cs, Fr[] value, bool[] known)
    {
        for (bool progress = true; progress;)
        {
            progress = false;
            for (int row = 0; row < r1cs.NConstraints; row++)
            {
                int unknown = -1;
                bool several = false;
                foreach (var m in new[] { r1cs.A, r1cs.B, r1cs.C })
                    foreach (var w in m.RowWires(row))
                        if (!known[w])
                        {
                            if (unknown >= 0 && unknown != w) several = true;
                            unknown = (int)w;
                        }
                if (unknown < 0 || several) continue;
                var (a0, ax) = Split(r1cs.A, row, value, unknown);
                var (b0, bx) = Split(r1cs.B, row, value, unknown);
                var (c0, cx) = Split(r1cs.C, row, value, unknown);
                // (a0 + ax x)(b0 + bx x) = c0 + cx x, linear in x when ax or bx is 0.
                if (!ax.IsZero && !bx.IsZero) continue;
                var coefficient = ax * b0 + bx * a0 - cx;
                if (coefficient.IsZero) continue;
                value[unknown] = (c0 - a0 * b0) * coefficient.InverseVartime();
                known[unknown] = true;
                progress = true;
            }
        }
    }

    static (Fr Known, Fr Coefficient) Split(Snark.Formats.R1csMatrix m, int row, Fr[] value, int unknown)
    {
        Fr known = Fr.Zero, coefficient = Fr.Zero;
        var wires = m.RowWires(row);
        var values = m.RowValues(row);
        for (int i = 0; i < wires.Length; i++)
        {
            if (wires[i] == unknown) coefficient += values[i];
            else known += values[i] * value[wires[i]];
        }
        return (known, coefficient);
    }
}
