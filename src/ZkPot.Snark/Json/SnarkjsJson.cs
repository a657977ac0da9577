using System.Text.Json;
using ZkPot.Crypto;
using ZkPot.Snark.Groth16;

namespace ZkPot.Snark.Json;

/// <summary>
/// snarkjs's JSON files: verification_key.json, proof.json and public.json. Numbers are decimal strings; G1 points are
/// [x, y, "1"], G2 points [[x.c0, x.c1], [y.c0, y.c1], ["1", "0"]], infinity ["0", "1", "0"]. Parsing is strict:
/// non-canonical numbers (>= the modulus, signs, leading '+'), other z values, points off the curve or outside the
/// subgroup are errors that name the file and the field.
/// </summary>
public static class SnarkjsJson
{
    public static VerifyingKey ReadVerifyingKey(string path) => ParseVerifyingKey(ReadFile(path), path);

    /// <summary>A verification_key.json already in memory; <paramref name="name"/> names it in errors.</summary>
    public static VerifyingKey ParseVerifyingKey(byte[] json, string name) => Parse(json, name, root =>
    {
        ExpectString(root, "protocol", "groth16");
        ExpectString(root, "curve", "bn128");
        int nPublic = Property(root, "nPublic").ValueKind == JsonValueKind.Number && Property(root, "nPublic").TryGetInt32(out int np) && np >= 0
            ? np : throw new InvalidDataException("nPublic must be a non-negative integer");
        var icArray = Array(Property(root, "IC"), "IC");
        if (icArray.Count != nPublic + 1) throw new InvalidDataException($"IC has {icArray.Count} points, nPublic + 1 = {nPublic + 1} expected");
        var ic = icArray.Select((e, i) => G1Point(e, $"IC[{i}]")).ToArray();
        var vk = VerifyingKey.Create(
            G1Point(Property(root, "vk_alpha_1"), "vk_alpha_1"),
            G2Point(Property(root, "vk_beta_2"), "vk_beta_2"),
            G2Point(Property(root, "vk_gamma_2"), "vk_gamma_2"),
            G2Point(Property(root, "vk_delta_2"), "vk_delta_2"),
            ic);
        if (!root.TryGetProperty(CommitmentField, out var commitment))
            return vk;
        var bases = Array(Property(commitment, "bases"), $"{CommitmentField}.bases").Select((e, i) => G1Point(e, $"{CommitmentField}.bases[{i}]")).ToArray();
        return vk.WithCommitment(bases, G2Point(Property(commitment, "sigma_2"), $"{CommitmentField}.sigma_2"));
    });

    public static Proof ReadProof(string path) => Parse(path, root =>
    {
        if (root.TryGetProperty("protocol", out _)) ExpectString(root, "protocol", "groth16");
        if (root.TryGetProperty("curve", out _)) ExpectString(root, "curve", "bn128");
        var a = G1Point(Property(root, "pi_a"), "pi_a");
        var b = G2Point(Property(root, "pi_b"), "pi_b");
        var c = G1Point(Property(root, "pi_c"), "pi_c");
        if (!root.TryGetProperty("zkpot_d", out var d))
            return new Proof(a, b, c);
        return new Proof(a, b, c, new ProofCommitment(G1Point(d, "zkpot_d"), G1Point(Property(root, "zkpot_pi"), "zkpot_pi")));
    });

    public static Fr[] ReadPublic(string path) => Parse(path, root =>
        Array(root, "public signals").Select((e, i) => Scalar(e, $"public signal [{i}]")).ToArray());

    public static void WriteProof(string path, Proof proof) => Write(path, w =>
    {
        w.WriteStartObject();
        w.WritePropertyName("pi_a"); WriteG1(w, proof.A);
        w.WritePropertyName("pi_b"); WriteG2(w, proof.B);
        w.WritePropertyName("pi_c"); WriteG1(w, proof.C);
        if (proof.Commitment is { } commitment)
        {
            w.WritePropertyName("zkpot_d"); WriteG1(w, commitment.D);
            w.WritePropertyName("zkpot_pi"); WriteG1(w, commitment.Pi);
        }
        w.WriteString("protocol", "groth16");
        w.WriteString("curve", "bn128");
        w.WriteEndObject();
    });

    public static void WritePublic(string path, ReadOnlySpan<Fr> signals)
    {
        var copy = signals.ToArray();
        Write(path, w =>
        {
            w.WriteStartArray();
            foreach (var s in copy) w.WriteStringValue(s.ToDecimal());
            w.WriteEndArray();
        });
    }

    public static void WriteVerifyingKey(string path, VerifyingKey vk) => Write(path, w =>
    {
        w.WriteStartObject();
        w.WriteString("protocol", "groth16");
        w.WriteString("curve", "bn128");
        w.WriteNumber("nPublic", vk.PublicCount);
        w.WritePropertyName("vk_alpha_1"); WriteG1(w, vk.Alpha);
        w.WritePropertyName("vk_beta_2"); WriteG2(w, vk.Beta);
        w.WritePropertyName("vk_gamma_2"); WriteG2(w, vk.Gamma);
        w.WritePropertyName("vk_delta_2"); WriteG2(w, vk.Delta);
        w.WritePropertyName("vk_alphabeta_12"); WriteFp12(w, SnarkjsAlphaBeta(vk));
        w.WritePropertyName("IC");
        w.WriteStartArray();
        foreach (var p in vk.IC) WriteG1(w, p);
        w.WriteEndArray();
        if (vk.Commitment is { } commitment)
        {
            w.WriteStartObject(CommitmentField);
            w.WritePropertyName("bases");
            w.WriteStartArray();
            foreach (var p in commitment.Bases) WriteG1(w, p);
            w.WriteEndArray();
            w.WritePropertyName("sigma_2"); WriteG2(w, commitment.Sigma2);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    });

    /// <summary>This project's extension of verification_key.json for commit-and-prove keys (snarkjs ignores it).</summary>
    const string CommitmentField = "zkpot_commitment";

    /// <summary>
    /// vk_alphabeta_12 as snarkjs writes it: its final exponentiation (ffjavascript, after Fuentes-Castaneda et al.)
    /// raises to 2u(6u^2 + 3u + 1) times the standard exponent, so the value is e(alpha, beta)^(2u(6u^2 + 3u + 1)).
    /// The verifier never reads it; writing the same value keeps our keys identical to snarkjs's.
    /// </summary>
    public static Fp12 SnarkjsAlphaBeta(VerifyingKey vk)
    {
        var u = G2.U;
        var e = 2 * u * (6 * u * u + 3 * u + 1) % Fr.Modulus;
        var x = Pairing.Pair(vk.Alpha, vk.Beta);
        var result = Fp12.One;
        while (!e.IsZero)
        {
            if (!e.IsEven) result *= x;
            x = x.Square();
            e >>= 1;
        }
        return result;
    }

    /// <summary>The target-group element as snarkjs writes it: [[c0.c0, c0.c1, c0.c2], [c1.c0, c1.c1, c1.c2]], each an Fp2 pair.</summary>
    public static void WriteFp12(Utf8JsonWriter w, in Fp12 f)
    {
        w.WriteStartArray();
        foreach (var half in new[] { f.C0, f.C1 })
        {
            w.WriteStartArray();
            foreach (var c in new[] { half.C0, half.C1, half.C2 }) WriteFp2(w, c);
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    static T Parse<T>(string path, Func<JsonElement, T> read) => Parse(ReadFile(path), path, read);

    static byte[] ReadFile(string path)
    {
        try { return File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new IOException($"{path}: cannot read ({e.Message})", e); }
    }

    static T Parse<T>(byte[] bytes, string name, Func<JsonElement, T> read)
    {
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            return read(doc.RootElement);
        }
        catch (JsonException e) { throw new InvalidDataException($"{name}: not valid JSON ({e.Message})", e); }
        catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or InvalidOperationException)
        {
            throw new InvalidDataException($"{name}: {e.Message}", e);
        }
    }

    static void Write(string path, Action<Utf8JsonWriter> body)
    {
        // Written beside the target and renamed, so a crash never leaves half a file.
        var tmp = path + ".tmp";
        using (var stream = File.Create(tmp))
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            body(w);
        File.Move(tmp, path, overwrite: true);
    }

    static JsonElement Property(JsonElement obj, string name)
    {
        if (obj.ValueKind != JsonValueKind.Object) throw new InvalidDataException("expected a JSON object at the top level");
        return obj.TryGetProperty(name, out var v) ? v : throw new InvalidDataException($"missing field '{name}'");
    }

    static void ExpectString(JsonElement obj, string name, string expected)
    {
        var v = Property(obj, name);
        if (v.ValueKind != JsonValueKind.String || v.GetString() != expected)
            throw new InvalidDataException($"field '{name}' must be \"{expected}\", got {v.GetRawText()}");
    }

    static List<JsonElement> Array(JsonElement e, string what) =>
        e.ValueKind == JsonValueKind.Array ? [.. e.EnumerateArray()] : throw new InvalidDataException($"{what} must be a JSON array");

    static Fr Scalar(JsonElement e, string what)
    {
        var s = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InvalidDataException($"{what} must be a decimal string");
        try { return Fr.ParseDecimal(s); }
        catch (FormatException) { throw new InvalidDataException($"{what} is not a canonical decimal below the group order r"); }
    }

    static Fp Coordinate(JsonElement e, string what)
    {
        var s = e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new InvalidDataException($"{what} must be a decimal string");
        try { return Fp.ParseDecimal(s); }
        catch (FormatException) { throw new InvalidDataException($"{what} is not a canonical decimal below the field modulus p"); }
    }

    static G1Affine G1Point(JsonElement e, string what)
    {
        var c = Array(e, what);
        if (c.Count != 3) throw new InvalidDataException($"{what} must have 3 coordinates, got {c.Count}");
        var x = Coordinate(c[0], what + ".x"); var y = Coordinate(c[1], what + ".y"); var z = Coordinate(c[2], what + ".z");
        if (z.IsZero)
        {
            if (x.IsZero && y.IsOne) return G1Affine.Infinity;
            throw new InvalidDataException($"{what}: a point at infinity must be written [\"0\", \"1\", \"0\"]");
        }
        if (!z.IsOne) throw new InvalidDataException($"{what}: z must be \"1\" (affine) or the point at infinity");
        return G1.Checked(new G1Affine(x, y), what);
    }

    static G2Affine G2Point(JsonElement e, string what)
    {
        var c = Array(e, what);
        if (c.Count != 3) throw new InvalidDataException($"{what} must have 3 coordinates, got {c.Count}");
        var x = Fp2Value(c[0], what + ".x"); var y = Fp2Value(c[1], what + ".y"); var z = Fp2Value(c[2], what + ".z");
        if (z.IsZero)
        {
            if (x.IsZero && y == Fp2.One) return G2Affine.Infinity;
            throw new InvalidDataException($"{what}: a point at infinity must be written [[\"0\",\"0\"], [\"1\",\"0\"], [\"0\",\"0\"]]");
        }
        if (z != Fp2.One) throw new InvalidDataException($"{what}: z must be [\"1\", \"0\"] (affine) or the point at infinity");
        return G2.Checked(new G2Affine(x, y), what);
    }

    static Fp2 Fp2Value(JsonElement e, string what)
    {
        var c = Array(e, what);
        if (c.Count != 2) throw new InvalidDataException($"{what} must have 2 components, got {c.Count}");
        return new Fp2(Coordinate(c[0], what + ".c0"), Coordinate(c[1], what + ".c1"));
    }

    static void WriteG1(Utf8JsonWriter w, in G1Affine p)
    {
        w.WriteStartArray();
        if (p.IsInfinity) { w.WriteStringValue("0"); w.WriteStringValue("1"); w.WriteStringValue("0"); }
        else { w.WriteStringValue(p.X.ToDecimal()); w.WriteStringValue(p.Y.ToDecimal()); w.WriteStringValue("1"); }
        w.WriteEndArray();
    }

    static void WriteG2(Utf8JsonWriter w, in G2Affine q)
    {
        w.WriteStartArray();
        if (q.IsInfinity) { WriteFp2(w, Fp2.Zero); WriteFp2(w, Fp2.One); WriteFp2(w, Fp2.Zero); }
        else { WriteFp2(w, q.X); WriteFp2(w, q.Y); WriteFp2(w, Fp2.One); }
        w.WriteEndArray();
    }

    static void WriteFp2(Utf8JsonWriter w, in Fp2 v)
    {
        w.WriteStartArray();
        w.WriteStringValue(v.C0.ToDecimal());
        w.WriteStringValue(v.C1.ToDecimal());
        w.WriteEndArray();
    }
}
