using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Gateway.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

// Usage: HashCost COUNT ROUNDS [GATEWAY_SCHEME]. Prints one JSON line: per scheme, the median over ROUNDS interleaved rounds of the
// process CPU time (user + system) and the wall time of one hash, each round COUNT hashes on this one thread.
var count = int.Parse(args[0], CultureInfo.InvariantCulture);
var rounds = int.Parse(args[1], CultureInfo.InvariantCulture);
var gatewayScheme = args.Length > 2 ? args[2] : "Argon2id";
const string Password = "correct horse battery staple";

var pbkdf2 = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions
{
    CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3,
    IterationCount = 220_000,
}));
(string Scheme, string Parameters, Func<string> Hash)[] schemes =
[
    ("pbkdf2-sha512", "i=220000", () => pbkdf2.HashPassword(null!, Password)),
    ("argon2id", "m=19456,t=2,p=1", () => Argon2idHash.Compute(Password, new Argon2Cost(19_456, 2, 1))),
    ("argon2id", "m=47104,t=1,p=1", () => Argon2idHash.Compute(Password, new Argon2Cost(47_104, 1, 1))),
    ("argon2id", "m=7168,t=5,p=1", () => Argon2idHash.Compute(Password, new Argon2Cost(7_168, 5, 1))),
];

var cpu = schemes.Select(_ => new List<double>()).ToArray();
var wall = schemes.Select(_ => new List<double>()).ToArray();
foreach (var scheme in schemes)
{
    scheme.Hash();
}

using var process = Process.GetCurrentProcess();
for (var round = 0; round < rounds; round++)
{
    for (var i = 0; i < schemes.Length; i++)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        for (var n = 0; n < count; n++)
        {
            schemes[i].Hash();
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        process.Refresh();
        cpu[i].Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds / count);
        wall[i].Add(elapsed.TotalMilliseconds / count);
    }
}

process.Refresh();
Console.WriteLine(JsonSerializer.Serialize(new
{
    phase = "hash-cost",
    count,
    rounds,
    gateway_scheme = gatewayScheme,
    peak_rss_kb = process.PeakWorkingSet64 / 1024,
    results = schemes.Select((scheme, i) => new
    {
        scheme = scheme.Scheme,
        parameters = scheme.Parameters,
        cpu_ms = Median(cpu[i]),
        cpu_ms_min = cpu[i].Min(),
        cpu_ms_max = cpu[i].Max(),
        wall_ms = Median(wall[i]),
    }),
}));

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}
