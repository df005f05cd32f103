using Schakel.Features.Accounts;

namespace Schakel.Tests.Features.Accounts;

public sealed class GeneratePasswordTests
{
    // A plain 20-character draw from the alphabet lacks a digit about 1 time in 20, which made demo seeding fail at random.
    [Fact]
    public void GeneratePassword_ThousandsOfDraws_EachHasDigitLowerAndUpper()
    {
        for (var i = 0; i < 5000; i++)
        {
            var password = PersonService.GeneratePassword();
            Assert.Equal(20, password.Length);
            Assert.True(password.Any(char.IsDigit) && password.Any(char.IsLower) && password.Any(char.IsUpper), password);
        }
    }
}
