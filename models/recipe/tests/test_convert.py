"""convert.py on small files in each source layout: names mapped to Lucent's types, unmapped names
kept, boxes scaled onto the written image, partial supervision stated."""
import csv
import json
import os
import tempfile
import unittest

import numpy as np
import pydicom
from PIL import Image

import convert
from dicom_io import base_dataset, save


def png(path, size=(64, 48)):
    Image.fromarray((np.arange(size[0] * size[1]) % 251).reshape(size[1], size[0]).astype(np.uint8)).save(path)


def case(out, name):
    with open(os.path.join(out, f"{name}.json")) as f:
        return json.load(f)


class Args:
    def __init__(self, **kw):
        self.__dict__.update(dict(labels=None, boxes=None, csv=None, json=None, report_column=None, limit=0), **kw)


class ConvertTest(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp()
        self.images = os.path.join(self.dir, "images")
        self.out = os.path.join(self.dir, "out")
        os.makedirs(self.images)

    def test_nih_labels_boxes_and_normal_films(self):
        png(os.path.join(self.images, "00000001_000.png"))
        png(os.path.join(self.images, "00000002_000.png"))
        labels = os.path.join(self.dir, "Data_Entry_2017.csv")
        with open(labels, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Image Index", "Finding Labels", "Follow-up #", "Patient ID", "Patient Age", "Patient Gender", "View Position"])
            w.writerow(["00000001_000.png", "Effusion|Infiltration|Nodule|Emphysema", "0", "1", "57", "M", "PA"])
            w.writerow(["00000002_000.png", "No Finding", "0", "2", "40", "F", "AP"])
            w.writerow(["00000003_000.png", "Mass", "0", "3", "40", "F", "AP"])  # no image: skipped
            w.writerow(["00000004_000.png", "Consolidation|Edema", "0", "4", "40", "F", "AP"])
        png(os.path.join(self.images, "00000004_000.png"))
        boxes = os.path.join(self.dir, "BBox_List_2017.csv")
        with open(boxes, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Image Index", "Finding Label", "Bbox [x", "y", "w", "h]", "", "", ""])
            w.writerow(["00000001_000.png", "Nodule", "8", "6", "8", "6"])
            w.writerow(["00000001_000.png", "Infiltrate", "40", "10", "10", "10"])
        # A second table in the same layout (nih_tables.py --rsna): RSNA's radiologists' opacity boxes.
        rsna = os.path.join(self.dir, "BBox_List_RSNA.csv")
        with open(rsna, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Image Index", "Finding Label", "Bbox [x", "y", "w", "h]"])
            w.writerow(["00000001_000.png", "Lung Opacity", "40", "30", "16", "12"])
        writer = convert.Writer(self.out, 32, "NIH ChestX-ray14")
        convert.convert_nih(Args(images=self.images, labels=labels, boxes=[boxes, rsna]), writer)
        sick, normal, oedema = case(self.out, "00000001_000"), case(self.out, "00000002_000"), case(self.out, "00000004_000")
        # NIH states each of its findings: those not listed are negatives; devices stay unknown.
        # Infiltration is an airspace opacity; Emphysema has no Lucent type and is kept as unmapped.
        self.assertEqual(sick["labels"],
                         {**{t: 0 for t in convert.NIH_TYPES}, "pleural_effusion": 1, "nodule": 1, "airspace_opacity": 1, "abnormal": 1})
        self.assertNotIn("pacemaker", sick["labels"])
        self.assertEqual(sick["unmapped"], ["Emphysema"])
        # The 64-pixel image was written at 32: the boxes are halved; the nodule lies on the image left
        # (patient right), upper third; NIH's infiltrate (upper) and RSNA's opacity (lower) on the image right.
        self.assertEqual(sick["findings"], [
            {"type": "nodule", "laterality": "right", "zone": "upper", "size_mm": None,
             "boxes": [[4.0, 3.0, 8.0, 6.0]], "measurements": {}},
            {"type": "airspace_opacity", "laterality": "left", "zone": "upper", "size_mm": None,
             "boxes": [[20.0, 5.0, 25.0, 10.0]], "measurements": {}},
            {"type": "airspace_opacity", "laterality": "left", "zone": "lower", "size_mm": None,
             "boxes": [[20.0, 15.0, 28.0, 21.0]], "measurements": {}},
        ])
        self.assertEqual(sick["supervision"], {"labels": True, "boxes": True, "report": False})
        self.assertEqual(normal["labels"], {t: 0 for t in convert.LABEL_TYPES})
        # A consolidation is an airspace opacity too; oedema has its own type.
        self.assertEqual({t for t, v in oedema["labels"].items() if v},
                         {"consolidation", "airspace_opacity", "pulmonary_edema", "abnormal"})
        self.assertFalse(os.path.exists(os.path.join(self.out, "00000003_000.json")))
        ds = pydicom.dcmread(os.path.join(self.out, "00000001_000.dcm"))
        self.assertEqual((ds.Rows, ds.Columns, ds.Modality, ds.ViewPosition, ds.BitsStored), (24, 32, "CR", "PA", 8))
        self.assertIn("Emphysema 1", writer.summary())

    def test_chexpert_style_labels_uncertain_and_report_text(self):
        png(os.path.join(self.images, "view1.png"))
        table = os.path.join(self.dir, "train.csv")
        with open(table, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["Path", "Sex", "Age", "Frontal/Lateral", "AP/PA", "No Finding", "Pleural Effusion", "Cardiomegaly", "Pneumothorax",
                        "Support Devices", "Report"])
            w.writerow(["view1.png", "Female", "68", "Frontal", "AP", "", "1.0", "-1.0", "0.0", "1.0", "Small left effusion."])
        writer = convert.Writer(self.out, 0, "CheXpert/MIMIC-CXR style labels")
        convert.convert_chexpert(Args(images=self.images, csv=table, report_column="Report"), writer)
        c = case(self.out, "case-000000")
        self.assertEqual(c["labels"], {"pleural_effusion": 1, "cardiomegaly": None, "pneumothorax": 0, "abnormal": 1})
        self.assertEqual(c["unmapped"], ["Support Devices"])
        self.assertEqual(c["report"]["text"], "Small left effusion.")
        self.assertEqual(c["supervision"], {"labels": True, "boxes": False, "report": True})

    def test_vindr_boxes_with_nodule_or_mass_by_size(self):
        ds = base_dataset("1.2.840.10008.5.1.4.1.1.1", "vindr", "s", 1, "DX", {"name": "A", "id": "1"})
        ds.Rows, ds.Columns, ds.PixelSpacing = 200, 200, [0.5, 0.5]
        (ds.SamplesPerPixel, ds.PhotometricInterpretation, ds.BitsAllocated, ds.BitsStored, ds.HighBit,
         ds.PixelRepresentation) = 1, "MONOCHROME2", 8, 8, 7, 0
        ds.PixelData = np.zeros((200, 200), np.uint8).tobytes()
        save(ds, os.path.join(self.images, "abc.dicom"))
        save(ds, os.path.join(self.images, "normal.dicom"))
        table = os.path.join(self.dir, "annotations.csv")
        with open(table, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["image_id", "rad_id", "class_name", "x_min", "y_min", "x_max", "y_max"])
            w.writerow(["abc", "R1", "Nodule/Mass", "120", "40", "140", "60"])  # 10 mm
            w.writerow(["abc", "R1", "Nodule/Mass", "20", "120", "100", "180"])  # 40 mm
            w.writerow(["abc", "R1", "Aortic enlargement", "90", "50", "110", "80"])
            w.writerow(["normal", "R2", "No finding", "", "", "", ""])
        writer = convert.Writer(self.out, 0, "VinDr-CXR style boxes")
        convert.convert_vindr(Args(images=self.images, csv=table), writer)
        c = case(self.out, "abc")
        self.assertEqual([(f["type"], f["laterality"], f["zone"]) for f in c["findings"]],
                         [("nodule", "left", "upper"), ("mass", "right", "lower")])
        self.assertEqual(c["unmapped"], ["Aortic enlargement"])
        self.assertEqual(c["pixel_spacing_mm"], [0.5, 0.5])
        self.assertEqual(case(self.out, "normal")["labels"], {t: 0 for t in convert.LABEL_TYPES})

    def test_coco_boxes(self):
        png(os.path.join(self.images, "a.png"))
        annotations = os.path.join(self.dir, "coco.json")
        with open(annotations, "w") as f:
            json.dump({
                "images": [{"id": 1, "file_name": "train/a.png"}],
                "categories": [{"id": 1, "name": "Pneumothorax"}, {"id": 2, "name": "Rib fracture"}],
                "annotations": [
                    {"image_id": 1, "category_id": 1, "bbox": [40, 2, 20, 10]},
                    {"image_id": 1, "category_id": 2, "bbox": [1, 1, 2, 2]},
                ],
            }, f)
        writer = convert.Writer(self.out, 0, "COCO-style boxes")
        convert.convert_coco(Args(images=self.images, json=annotations), writer)
        c = case(self.out, "a")
        self.assertEqual(c["findings"][0]["boxes"], [[40.0, 2.0, 60.0, 12.0]])
        self.assertEqual((c["labels"], c["unmapped"]), ({"pneumothorax": 1, "abnormal": 1}, ["Rib fracture"]))


if __name__ == "__main__":
    unittest.main()
