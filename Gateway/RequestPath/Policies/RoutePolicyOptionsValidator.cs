using Gateway.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.RequestPath.Policies;

/// <summary>
/// Policy names are 1 to 64 letters, digits and <c>. _ -</c>, not YARP's reserved <c>default</c> and <c>anonymous</c>
/// (YARP refuses a route using a policy registered under those), and never <c>gateway:admin</c> (no colon), which stays
/// the gateway's own. Each policy lists 1 to 32 valid role names, or none when it requires a second factor.
/// </summary>
internal sealed class RoutePolicyOptionsValidator : IValidateOptions<RoutePolicyOptions>
{
    public const int MaxNameLength = 64;

    public ValidateOptionsResult Validate(string? name, RoutePolicyOptions options)
    {
        var failures = new List<string>();
        foreach (var (policy, rule) in options.Policies)
        {
            var setting = $"Gateway:Policies:{policy}";
            if (NameProblem(policy) is { } nameProblem)
            {
                failures.Add($"{setting}: {nameProblem}");
            }
            else if (rule.Roles.Count == 0 && !rule.RequireSecondFactor)
            {
                failures.Add($"{setting}:Roles must list at least one role, e.g. [\"{RoleRules.Admin}\"], or set RequireSecondFactor to true.");
            }
            else if (rule.Roles.Count > 0 && RoleRules.Problem(rule.Roles) is { } roleProblem)
            {
                failures.Add($"{setting}:Roles: {roleProblem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static string? NameProblem(string name)
    {
        if (RoutePolicies.IsReserved(name))
        {
            return $"\"{name}\" is a reserved policy name; choose another.";
        }

        return name.Length is > 0 and <= MaxNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            ? null
            : $"policy names are 1 to {MaxNameLength} letters, digits, . _ or -.";
    }
}
