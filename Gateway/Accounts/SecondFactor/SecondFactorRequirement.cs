using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Accounts.SecondFactor;

/// <summary>Why a signed-in user was refused by a <see cref="SecondFactorRequirement"/>, kept for the 403 answer.</summary>
internal enum SecondFactorRefusal
{
    None,

    /// <summary>A policy requires a second factor and the user has none: a page that links to enrolment.</summary>
    NotEnrolled,

    /// <summary>Gateway:SecondFactor:RequiredForAll and the user has none: browsers go to the enrolment page.</summary>
    MustEnrol,

    /// <summary>Enrolled, but this session's sign-in did not check the code: sign in again.</summary>
    SignInAgain,
}

/// <summary>The session's sign-in checked a second factor (its token's amr holds otp).</summary>
/// <param name="Everyone">Added to every policy by Gateway:SecondFactor:RequiredForAll, rather than named by a policy.</param>
internal sealed record SecondFactorRequirement(bool Everyone) : IAuthorizationRequirement
{
    public static readonly SecondFactorRequirement Policy = new(Everyone: false);
    public static readonly SecondFactorRequirement All = new(Everyone: true);

    private static readonly object RefusalKey = new();

    public static SecondFactorRefusal RefusalOf(HttpContext context) =>
        context.Items.TryGetValue(RefusalKey, out var refusal) ? (SecondFactorRefusal)refusal! : SecondFactorRefusal.None;

    /// <summary>Keeps the strongest reason when several requirements refused: signing in again helps in every case.</summary>
    public static void Refuse(HttpContext context, SecondFactorRefusal refusal)
    {
        if (refusal > RefusalOf(context))
        {
            context.Items[RefusalKey] = refusal;
        }
    }
}

/// <summary>
/// Passes a token whose amr holds otp at no cost; only a session without one looks the user up, to tell "not enrolled"
/// (enrol) from "enrolled since" (sign in again with the code).
/// </summary>
internal sealed class SecondFactorRequirementHandler(SecondFactors factors, ILogger<SecondFactorRequirementHandler> logger)
    : AuthorizationHandler<SecondFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, SecondFactorRequirement requirement)
    {
        if (GatewayClaims.HasSecondFactor(context.User))
        {
            context.Succeed(requirement);
            return;
        }

        if (context.User.FindFirst(GatewayClaims.Subject)?.Value is not { } userId || context.Resource is not HttpContext http)
        {
            return;
        }

        var enrolled = await factors.IsEnrolledAsync(userId, http.RequestAborted);
        var refusal = enrolled ? SecondFactorRefusal.SignInAgain
            : requirement.Everyone ? SecondFactorRefusal.MustEnrol
            : SecondFactorRefusal.NotEnrolled;
        SecondFactorLog.PolicyRefused(logger, userId, refusal);
        SecondFactorRequirement.Refuse(http, refusal);
    }
}
