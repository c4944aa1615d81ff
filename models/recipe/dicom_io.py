"""Writing and reading radiographs as DICOM (pydicom), shared by the samples and the recipe."""
import os

import numpy as np
import pydicom
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import PYDICOM_ROOT_UID, ExplicitVRLittleEndian, generate_uid

UID_ROOT = PYDICOM_ROOT_UID  # with a prefix, generate_uid hashes entropy_srcs (without one it is random)
SEED = 20261124


def uid(*parts):
    """Deterministic UID: same inputs give the same UID on every run."""
    return generate_uid(prefix=UID_ROOT, entropy_srcs=[str(SEED), *map(str, parts)])


def base_dataset(sop_class, study_key, series_key, instance_no, modality, patient):
    ds = Dataset()
    ds.SpecificCharacterSet = "ISO_IR 100"
    ds.SOPClassUID = sop_class
    ds.SOPInstanceUID = uid(study_key, series_key, instance_no)
    ds.StudyInstanceUID = uid(study_key)
    ds.SeriesInstanceUID = uid(study_key, series_key)
    ds.Modality = modality
    ds.PatientName = patient["name"]
    ds.PatientID = patient["id"]
    ds.PatientBirthDate = patient.get("birth", "")
    ds.PatientSex = patient.get("sex", "")
    date = patient.get("study_date", "20260315")
    ds.StudyDate = ds.SeriesDate = ds.ContentDate = date
    ds.StudyTime = "093000"
    ds.SeriesTime = ds.ContentTime = "093100"
    ds.AccessionNumber = patient.get("accession", "")
    ds.StudyID = "1"
    ds.ReferringPhysicianName = ""
    ds.Manufacturer = "Lucent synthetic sample generator"
    ds.InstitutionName = "Lucent demo (synthetic, no patient data)"
    ds.StudyDescription = patient.get("study_description", "")
    ds.InstanceNumber = instance_no
    ds.BurnedInAnnotation = "NO"
    return ds


def save(ds, path):
    meta = FileMetaDataset()
    meta.MediaStorageSOPClassUID = ds.SOPClassUID
    meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
    meta.TransferSyntaxUID = ExplicitVRLittleEndian
    meta.ImplementationClassUID = uid("lucent-implementation")
    meta.ImplementationVersionName = "LUCENT_0_1"
    ds.file_meta = meta
    ds.is_little_endian = True
    ds.is_implicit_VR = False
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    ds.save_as(path, write_like_original=False)


def stored_values(image, monochrome1):
    """Displayed pixels (0..1) as the 12-bit values write_radiograph stores, shown through window 2048 / 4096."""
    stored = np.clip(np.round(image * 4095.0), 0, 4095)
    return 4095 - stored if monochrome1 else stored  # MONOCHROME1: high values are displayed dark


def write_radiograph(path, image, spacing, monochrome1, modality, reason, patient, uid_key):
    """A frontal chest radiograph (DX or CR), 12 bits stored in 16-bit words."""
    stored = stored_values(image, monochrome1)
    sop = "1.2.840.10008.5.1.4.1.1.1.1" if modality == "DX" else "1.2.840.10008.5.1.4.1.1.1"
    ds = base_dataset(sop, uid_key, "pa", 1, modality, {"study_description": "XR CHEST PA", **patient})
    ds.SeriesNumber = 1
    ds.SeriesDescription = "Chest PA"
    ds.BodyPartExamined = "CHEST"
    ds.ViewPosition = "PA"
    ds.PatientOrientation = ["L", "F"]  # rows run to the patient's left, columns to the feet
    ds.ImageType = ["ORIGINAL", "PRIMARY"]
    ds.PhotometricInterpretation = "MONOCHROME1" if monochrome1 else "MONOCHROME2"
    ds.ImagerPixelSpacing = [spacing, spacing]
    ds.PixelSpacing = [spacing, spacing]
    ds.SamplesPerPixel = 1
    ds.BitsAllocated = 16
    ds.BitsStored = 12
    ds.HighBit = 11
    ds.PixelRepresentation = 0
    ds.RescaleIntercept = 0
    ds.RescaleSlope = 1
    ds.RescaleType = "US"
    ds.WindowCenter = 2048
    ds.WindowWidth = 4096
    ds.PresentationLUTShape = "INVERSE" if monochrome1 else "IDENTITY"
    request = Dataset()  # the reason for the request travels in the Request Attributes Sequence
    request.RequestedProcedureID = patient.get("accession", "") or "1"
    request.ReasonForTheRequestedProcedure = reason
    ds.RequestAttributesSequence = [request]
    region = Dataset()
    region.CodeValue = "51185008"
    region.CodingSchemeDesignator = "SCT"
    region.CodeMeaning = "Thorax"
    ds.AnatomicRegionSequence = [region]
    if modality == "DX":
        ds.PresentationIntentType = "FOR PRESENTATION"
        ds.DetectorType = "SCINTILLATOR"
        ds.ImageLaterality = "U"  # unpaired body part
        ds.PixelIntensityRelationship = "LOG"
        ds.PixelIntensityRelationshipSign = 1  # higher value = more attenuation = brighter
        ds.LossyImageCompression = "00"
        ds.PositionerType = "NONE"
        ds.AcquisitionContextSequence = []
    ds.Rows, ds.Columns = stored.shape
    ds.PixelData = stored.astype(np.uint16).tobytes()
    save(ds, path)


def read_radiograph(path):
    """Pixels as displayed (0..1, bright = attenuating), pixel spacing, and the dataset.

    Applies the modality rescale, the image's first VOI window (else its full range),
    and MONOCHROME1 inversion: the same steps the browser runtime takes.
    """
    ds = pydicom.dcmread(path)
    pixels = ds.pixel_array.astype(np.float32) * float(getattr(ds, "RescaleSlope", 1) or 1) + float(getattr(ds, "RescaleIntercept", 0) or 0)
    center, width = getattr(ds, "WindowCenter", None), getattr(ds, "WindowWidth", None)
    if center is not None and width is not None:
        center = float(center[0] if isinstance(center, pydicom.multival.MultiValue) else center)
        width = float(width[0] if isinstance(width, pydicom.multival.MultiValue) else width)
        lo, hi = center - width / 2, center + width / 2
    else:
        lo, hi = float(pixels.min()), float(pixels.max())
    image = np.clip((pixels - lo) / max(hi - lo, 1e-6), 0, 1)
    if ds.PhotometricInterpretation == "MONOCHROME1":
        image = 1 - image
    spacing = getattr(ds, "PixelSpacing", None) or getattr(ds, "ImagerPixelSpacing", None) or [1, 1]
    return image, [float(spacing[0]), float(spacing[1])], ds
