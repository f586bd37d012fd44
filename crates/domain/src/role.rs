//! What a user may do; the access policy builds on these.

use crate::codes::code_list;

code_list! {
    Role, "role" {
        Professional = "professional", "Professional", "Professional";
        BehaviouralScientist = "behavioural_scientist", "Gedragswetenschapper", "Behavioural scientist";
        TeamLead = "team_lead", "Teamleider", "Team lead";
        FunctionalAdmin = "functional_admin", "Functioneel beheerder", "Functional administrator";
        PrivacyOfficer = "privacy_officer", "Privacyfunctionaris", "Privacy officer";
        /// Staffs the EVU's referrals with a combination of workers (issue 7).
        EvuCoordinator = "evu_coordinator", "EVU-coördinator", "EVU coordinator";
    }
}
