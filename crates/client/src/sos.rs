//! The SOS image service's calls (docs/SOS-IMAGES.md).

use leads_api_types::{
    CaseImageBody, ConsentBody, ConsentForm, DeskForm, DisclosureBody, FlyerBody, ImageRequestForm,
    PhotoArrayBody, PhotoArrayForm, ReleaseBody, ReleaseDecisionForm, ReleaseForm, SosBody,
    SosDisseminationBody, SosDisseminationForm,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{Client, ClientError};

impl Client {
    async fn sos_post<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<SosBody<T>, ClientError> {
        let request = self.http.post(self.url(path)).json(body);
        Client::decode(self.authorized(request).send().await?).await
    }

    async fn sos_get<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<SosBody<T>, ClientError> {
        let request = self.http.get(self.url(path)).query(query);
        Client::decode(self.authorized(request).send().await?).await
    }

    /// Requests an SOS image for a case (P1, P2).
    pub async fn request_sos_image(
        &self,
        form: &ImageRequestForm,
    ) -> Result<SosBody<CaseImageBody>, ClientError> {
        self.sos_post("/api/v1/sos/images", form).await
    }

    /// The SOS images of one of the agency's case records.
    pub async fn sos_case(&self, case: &str) -> Result<SosBody<CaseImageBody>, ClientError> {
        self.sos_get(&format!("/api/v1/sos/cases/{case}"), &[])
            .await
    }

    /// Records and decides a request made directly to SOS (SOS staff).
    pub async fn sos_desk(&self, form: &DeskForm) -> Result<SosBody<DisclosureBody>, ClientError> {
        self.sos_post("/api/v1/sos/desk", form).await
    }

    /// Passes a case image to another criminal-justice agency (P5).
    pub async fn disseminate_sos_image(
        &self,
        form: &SosDisseminationForm,
    ) -> Result<SosBody<SosDisseminationBody>, ClientError> {
        self.sos_post("/api/v1/sos/disseminations", form).await
    }

    /// Dissemination records (`ori`: another agency, or `ALL`).
    pub async fn sos_disseminations(
        &self,
        ori: Option<&str>,
    ) -> Result<SosBody<SosDisseminationBody>, ClientError> {
        let query: Vec<(&str, &str)> = ori.map(|o| ("ori", o)).into_iter().collect();
        self.sos_get("/api/v1/sos/disseminations", &query).await
    }

    /// Asks the SOS Police to approve a release to the public (P4).
    pub async fn request_sos_release(
        &self,
        form: &ReleaseForm,
    ) -> Result<SosBody<ReleaseBody>, ClientError> {
        self.sos_post("/api/v1/sos/releases", form).await
    }

    /// Release requests (`status`: pending, approved, denied; `ori`: another agency, or `ALL`).
    pub async fn sos_releases(
        &self,
        status: Option<&str>,
        ori: Option<&str>,
    ) -> Result<SosBody<ReleaseBody>, ClientError> {
        let mut query: Vec<(&str, &str)> = Vec::new();
        query.extend(status.map(|s| ("status", s)));
        query.extend(ori.map(|o| ("ori", o)));
        self.sos_get("/api/v1/sos/releases", &query).await
    }

    /// The SOS Police's written decision on a release.
    pub async fn decide_sos_release(
        &self,
        id: i64,
        form: &ReleaseDecisionForm,
    ) -> Result<SosBody<ReleaseBody>, ClientError> {
        self.sos_post(&format!("/api/v1/sos/releases/{id}/decision"), form)
            .await
    }

    /// The flyer of an approved release.
    pub async fn sos_release_flyer(&self, id: i64) -> Result<SosBody<FlyerBody>, ClientError> {
        self.sos_get(&format!("/api/v1/sos/releases/{id}/flyer"), &[])
            .await
    }

    /// The flyer of an approved release as the PDF itself (`Accept: application/pdf`); a
    /// refusal comes back as the JSON answer.
    pub async fn sos_release_flyer_pdf(
        &self,
        id: i64,
    ) -> Result<Result<Vec<u8>, SosBody<FlyerBody>>, ClientError> {
        let request = self
            .http
            .get(self.url(&format!("/api/v1/sos/releases/{id}/flyer")))
            .header(reqwest::header::ACCEPT, "application/pdf");
        let response = self.authorized(request).send().await?;
        let pdf = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/pdf"));
        if pdf {
            return Ok(Ok(response.bytes().await?.to_vec()));
        }
        Client::decode(response).await.map(Err)
    }

    /// Records a person's written consent to the use of a case image in photo arrays (P3).
    pub async fn record_sos_consent(
        &self,
        case_image: i64,
        form: &ConsentForm,
    ) -> Result<SosBody<ConsentBody>, ClientError> {
        self.sos_post(
            &format!("/api/v1/sos/case-images/{case_image}/consent"),
            form,
        )
        .await
    }

    /// Builds a photo array (P3).
    pub async fn build_photo_array(
        &self,
        form: &PhotoArrayForm,
    ) -> Result<SosBody<PhotoArrayBody>, ClientError> {
        self.sos_post("/api/v1/sos/photo-arrays", form).await
    }
}
