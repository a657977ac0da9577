using System.Text.Json;

namespace ZkPot.Crypto.Tests;

public class PoseidonTests
{
    public record Vector(string[] Inputs, string Output);

    static readonly Vector[] Vectors = JsonSerializer.Deserialize<Vector[]>(
        File.ReadAllText(ZkPot.TestSupport.RepoPaths.TestVector("poseidon/circomlib-poseidon.json")),
        new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;

    public static IEnumerable<object[]> VectorIndices => Enumerable.Range(0, Vectors.Length).Select(i => new object[] { i });

    public static IEnumerable<object[]> Widths =>
        Enumerable.Range(PoseidonParameters.MinWidth, PoseidonParameters.MaxWidth - PoseidonParameters.MinWidth + 1).Select(t => new object[] { t });

    static Fr[] Inputs(Vector v) => v.Inputs.Select(Fr.ParseDecimal).ToArray();

    // The permutation exactly as the paper and circomlib's reference state it, straight from the public parameters:
    // this is what a circuit gadget built from PoseidonParameters computes.
    static void TextbookPermute(PoseidonParameters p, Span<Fr> state)
    {
        int t = p.Width, half = p.FullRounds / 2;
        var next = new Fr[t];
        for (int r = 0; r < p.Rounds; r++)
        {
            bool full = r < half || r >= half + p.PartialRounds;
            for (int i = 0; i < t; i++)
            {
                state[i] += p.RoundConstants[r * t + i];
                if (full || i == 0) state[i] = state[i].Pow(PoseidonParameters.SboxExponent);
            }
            for (int i = 0; i < t; i++)
            {
                next[i] = Fr.Zero;
                for (int j = 0; j < t; j++) next[i] += p.Mds(i, j) * state[j];
            }
            next.CopyTo(state);
        }
    }

    [Fact]
    public void Vector_file_holds_six_vectors_for_each_arity_1_to_16()
    {
        Assert.Equal(96, Vectors.Length);
        Assert.All(Enumerable.Range(1, 16), n => Assert.Equal(6, Vectors.Count(v => v.Inputs.Length == n)));
    }

    [Theory, MemberData(nameof(VectorIndices))]
    public void Hash_matches_circomlibjs_vector(int index)
    {
        var v = Vectors[index];
        Assert.Equal((index, v.Output), (index, Poseidon.Hash(Inputs(v)).ToDecimal()));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Textbook_permutation_from_public_parameters_matches_every_vector_of_its_width(int t)
    {
        var p = PoseidonParameters.For(t);
        foreach (var v in Vectors.Where(v => v.Inputs.Length == t - 1))
        {
            var state = new Fr[t];
            Inputs(v).CopyTo(state, 1);
            TextbookPermute(p, state);
            Assert.Equal(v.Output, state[0].ToDecimal());
        }
    }

    [Theory, MemberData(nameof(Widths))]
    public void Permute_equals_textbook_permutation_on_every_state_element_for_random_states(int t)
    {
        var rng = new Random(1000 + t);
        var p = PoseidonParameters.For(t);
        for (int trial = 0; trial < 3; trial++)
        {
            var state = Enumerable.Range(0, t).Select(_ => Fr.Random(rng)).ToArray();
            var expected = (Fr[])state.Clone();
            TextbookPermute(p, expected);
            Poseidon.Permute(state);
            Assert.Equal(expected, state);
        }
    }

    [Fact]
    public void Hash_of_1_and_2_is_the_known_circomlib_value()
    {
        Assert.Equal("7853200120776062878684798364095072458815029376092732009249414926327459813530",
            Poseidon.Hash(Fr.FromUInt64(1), Fr.FromUInt64(2)).ToDecimal());
    }

    [Fact]
    public void Hash_depends_on_input_order()
    {
        Assert.NotEqual(Poseidon.Hash(Fr.FromUInt64(1), Fr.FromUInt64(2)), Poseidon.Hash(Fr.FromUInt64(2), Fr.FromUInt64(1)));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Parameters_have_circomlib_round_counts_and_one_constant_per_element_and_round(int t)
    {
        int[] partial = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];
        var p = PoseidonParameters.For(t);
        Assert.Equal((t, 8, partial[t - 2]), (p.Width, p.FullRounds, p.PartialRounds));
        Assert.Equal((8 + partial[t - 2]) * t, p.RoundConstants.Length);
        Assert.Same(p, PoseidonParameters.For(t));
    }

    [Theory, MemberData(nameof(Widths))]
    public void Mds_is_a_cauchy_matrix(int t)
    {
        // For M[i, j] = 1 / (x_i + y_j), 1/M[i,j] - 1/M[i,0] - 1/M[0,j] + 1/M[0,0] vanishes for every i, j.
        var p = PoseidonParameters.For(t);
        var inv = new Fr[t * t];
        for (int i = 0; i < t; i++)
            for (int j = 0; j < t; j++) inv[i * t + j] = p.Mds(i, j);
        Assert.DoesNotContain(inv, e => e.IsZero);
        Fr.BatchInverse(inv);
        for (int i = 1; i < t; i++)
            for (int j = 1; j < t; j++)
            {
                var d = inv[i * t + j] - inv[i * t] - inv[j] + inv[0];
                Assert.True(d.IsZero, $"t = {t}: entry ({i}, {j}) breaks the Cauchy structure");
            }
    }

    [Fact]
    public void Parameters_are_generated_once_when_requested_from_many_threads()
    {
        var seen = new PoseidonParameters[32];
        Parallel.For(0, seen.Length, i => seen[i] = PoseidonParameters.For(PoseidonParameters.MinWidth + i % 16));
        for (int i = 0; i < seen.Length; i++) Assert.Same(PoseidonParameters.For(PoseidonParameters.MinWidth + i % 16), seen[i]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void Hash_rejects_input_count_outside_1_to_16(int count)
    {
        var inputs = Enumerable.Repeat(Fr.One, count).ToArray();
        var e = Assert.Throws<ArgumentException>(() => Poseidon.Hash(inputs));
        Assert.Contains($"got {count}", e.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(18)]
    public void Permute_rejects_state_width_outside_2_to_17_and_leaves_state_unchanged(int width)
    {
        var state = Enumerable.Range(1, width).Select(i => Fr.FromUInt64((ulong)i)).ToArray();
        var before = (Fr[])state.Clone();
        var e = Assert.Throws<ArgumentException>(() => Poseidon.Permute(state));
        Assert.Contains($"got {width}", e.Message);
        Assert.Equal(before, state);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(18)]
    public void Parameters_reject_width_outside_2_to_17(int t)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PoseidonParameters.For(t));
    }

    [Fact]
    public void Mds_rejects_index_outside_the_matrix()
    {
        var p = PoseidonParameters.For(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Mds(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => p.Mds(0, -1));
    }
}
