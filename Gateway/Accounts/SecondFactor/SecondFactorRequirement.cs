using Gateway.RequestPath.Token;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.Accounts.SecondFactor;

/// <summary>The session's sign-in checked a second factor (its token's amr holds otp).</summary>
/// <param name="Everyone">Added to every policy by Gateway:SecondFactor:RequiredForAll, rather than named by a policy.</param>
internal sealed record SecondFactorRequirement(bool Everyone) : IAuthorizationRequirement
{
    public static readonly SecondFactorRequirement Policy = new(Everyone: false);
    public static readonly SecondFactorRequirement All = new(Everyone: true);

    /// <summary>Keeps the strongest reason when several requirements refused: signing in again helps in every case.</summary>
    public static void Refuse(HttpContext context, SecondFactorRefusal refusal)
    {
        var request = context.GatewayRequest();
        if (refusal > request.SecondFactorRefusal)
        {
            request.SecondFactorRefusal = refusal;
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
