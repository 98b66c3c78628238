using System.Security.Cryptography;
using Gateway.Accounts;
using Gateway.Administration.Import;
using Gateway.Audit;
using Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.Administration.Cli;

/// <summary>
/// <c>users import FILE --format sha256-hex ...</c>: brings a legacy app's users, who keep their passwords. Each digest
/// is stored only inside a layered hash (<see cref="PasswordHashing.HashLegacyDigestAsync"/>), replaced by a normal hash
/// at the user's first sign-in. One transaction per file: with a rejected record nothing is imported, unless
/// <c>--skip-invalid</c>. A user imported before is skipped, so running the same file again changes nothing.
/// </summary>
internal static class ImportCommand
{
    public static readonly CliCommand Command = new(
        "import",
        $"FILE --format {LegacyDigest.Format} [--username-field F] [--password-field F] [--display-name-field F] " +
        "[--role-field F] [--skip-invalid]",
        1,
        [SkipInvalid],
        ["--format", "--username-field", "--password-field", "--display-name-field", "--role-field"],
        RunAsync);

    private const string SkipInvalid = "--skip-invalid";

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var args = context.Args;
        if (args.Value("--format") is not LegacyDigest.Format)
        {
            throw new CliProblem(args.Value("--format") is { } format
                ? $"Unknown --format '{format}': the one supported is {LegacyDigest.Format} (hex SHA-256 of the password)."
                : $"Say how the passwords are hashed: --format {LegacyDigest.Format} (hex SHA-256 of the password).");
        }

        var fields = new LegacyFields(
            args.Value("--username-field") ?? LegacyFields.DefaultUsername,
            args.Value("--password-field") ?? LegacyFields.DefaultPassword,
            args.Value("--display-name-field") ?? LegacyFields.DefaultDisplayName,
            args.Value("--role-field"));
        var path = context.Name;
        var file = Path.GetFileName(path);
        var skip = args.Has(SkipInvalid);

        var (candidates, invalid) = LegacyUsers.Check(LegacyFile.Read(path), fields);
        var rejected = invalid.ToList();
        if (rejected.Count > 0 && !skip)
        {
            return await RefuseAsync(context, file, rejected, candidates.Count + rejected.Count);
        }

        var users = await WrapAsync(context, candidates, cancellationToken);
        var outcomes = await context.Get<IUserStore>().ImportAsync(users, LegacyDigest.Format, skip, cancellationToken);
        rejected.AddRange(candidates
            .Where((_, i) => outcomes[i] == ImportOutcome.UsernameTaken)
            .Select(user => new LegacyRejection(user.Line, $"the username '{user.Username}' is taken by a user who was not imported.")));
        if (rejected.Count > 0 && !skip)
        {
            return await RefuseAsync(context, file, rejected, candidates.Count);
        }

        foreach (var rejection in rejected.OrderBy(rejection => rejection.Line))
        {
            await context.Error.WriteLineAsync($"rejected {file}:{rejection.Line}: {rejection.Reason}");
        }

        var added = outcomes.Count(outcome => outcome == ImportOutcome.Added);
        var already = outcomes.Count(outcome => outcome == ImportOutcome.AlreadyImported);
        var summary = $"{added} added, {already} skipped (already imported), {rejected.Count} rejected";
        await context.Get<AuditTrail>().RecordAsync(AuditEvents.UsersImported, AuditEvents.CommandLine, null, null, $"{file}: {summary}");
        await context.Out.WriteLineAsync($"Imported {file}: {summary}.");
        return CliExitCodes.Success;
    }

    private static async Task<int> RefuseAsync(CliContext context, string file, List<LegacyRejection> rejected, int total)
    {
        foreach (var rejection in rejected.OrderBy(rejection => rejection.Line))
        {
            await context.Error.WriteLineAsync($"error: {file}:{rejection.Line}: {rejection.Reason}");
        }

        return await UsersCommand.FailAsync(context.Error,
            $"nothing imported: {rejected.Count} of {total} records rejected. Fix them, or pass {SkipInvalid} to import the others.");
    }

    /// <summary>The users to store, each digest in a layered hash: as many hashed at once as the hashing threads allow.</summary>
    private static async Task<IReadOnlyList<User>> WrapAsync(
        CliContext context, IReadOnlyList<LegacyUser> candidates, CancellationToken cancellationToken)
    {
        var hashing = context.Get<PasswordHashing>();
        var now = context.Get<TimeProvider>().GetUtcNow();
        var users = new User[candidates.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = context.Get<IOptions<UserOptions>>().Value.MaxConcurrentHashes,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, candidates.Count), parallel, async (i, cancel) =>
        {
            var legacy = candidates[i];
            users[i] = new User(
                Id: Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
                Username: legacy.Username,
                DisplayName: legacy.DisplayName,
                PasswordHash: await hashing.HashLegacyDigestAsync(legacy.Digest, cancel),
                CreatedAt: now,
                TokensValidAfter: DateTimeOffset.UnixEpoch)
            {
                Roles = legacy.Roles,
            };
        });
        return users;
    }
}
