// Teaching notes, one per finding type the model knows: what it is, the signs on a frontal chest
// radiograph, the differential, the pitfalls, and where it comes from. Written by the Lucent team
// from the sources named in each note (standard textbooks, society glossaries and guidelines);
// teaching aids for residents, not clinical guidance. docs/teaching-notes.md says how they were
// checked, and that a radiologist has yet to review them.
import type { FindingType } from '../findings/labels';

export interface TeachingNote {
  title: string;
  what: string;
  signs: string[];
  differential: string[];
  pitfalls: string[];
  sources: string[];
}

const FLEISCHNER_GLOSSARY = 'Hansell DM et al. Fleischner Society: glossary of terms for thoracic imaging. Radiology 2008;246(3):697–722.';
const FELSON = 'Goodman LR. Felson’s Principles of Chest Roentgenology: A Programmed Text. 5th ed. Elsevier; 2020.';
const ICU_DEVICES =
  'Godoy MCB et al. Chest radiography in the ICU: Part 2, evaluation of cardiovascular lines and other devices. AJR 2012;198(3):572–581.';

export const TEACHING_NOTES: Record<FindingType, TeachingNote> = {
  nodule: {
    title: 'Pulmonary nodule',
    what: 'A rounded opacity, well or poorly defined, measuring up to 3 cm in diameter.',
    signs: [
      'Round or oval opacity surrounded by aerated lung',
      'Measure the longest diameter; note margins (smooth, lobulated, spiculated) and any calcification',
      'Compare with prior films: stability over 2 years suggests a benign solid nodule',
    ],
    differential: [
      'Granuloma',
      'Hamartoma',
      'Primary lung cancer',
      'Metastasis',
      'Round pneumonia',
      'Extrapulmonary mimics (nipple, skin lesion, bone island)',
    ],
    pitfalls: [
      'Nipple shadows: usually bilateral and symmetric, lower zones; repeat with nipple markers if unsure',
      'Healing rib fractures and costochondral calcification project over the lung',
      'A vessel seen end-on is small, well defined and has a vessel leading to it',
      'Up to a fifth of lung is hidden behind the heart, mediastinum and diaphragm: check those areas',
    ],
    sources: [
      FLEISCHNER_GLOSSARY,
      'MacMahon H et al. Guidelines for management of incidental pulmonary nodules detected on CT images: ' +
        'from the Fleischner Society 2017. Radiology 2017;284(1):228–243.',
      FELSON,
    ],
  },
  mass: {
    title: 'Pulmonary mass',
    what: 'Any pulmonary, pleural, mediastinal or chest wall lesion larger than 3 cm in diameter.',
    signs: [
      'Opacity over 3 cm; decide whether it lies in the lung, pleura, mediastinum or chest wall (margins and angles with the pleura)',
      'Look for spiculation, cavitation, rib destruction, hilar or mediastinal widening and effusion',
      'Silhouette sign: loss of an adjacent border localises it (e.g. right heart border: middle lobe)',
    ],
    differential: [
      'Primary lung cancer (most likely in an adult)',
      'Metastasis',
      'Lymphoma',
      'Abscess',
      'Round pneumonia',
      'Pleural or chest wall tumour',
    ],
    pitfalls: [
      'A mass and its collapse or pneumonia can merge: a convex bulge in a fissure (Golden S sign) suggests a central mass',
      'Mediastinal masses: the hilum overlay and cervicothoracic signs tell anterior from posterior',
      'A new mass in an adult is cancer until proven otherwise: recommend CT',
    ],
    sources: [FLEISCHNER_GLOSSARY, FELSON],
  },
  pleural_effusion: {
    title: 'Pleural effusion',
    what: 'Fluid in the pleural space.',
    signs: [
      'Blunting of the costophrenic angle (about 200 mL on a PA film; about 50 mL blunts the posterior angle on a lateral)',
      'A meniscus: concave upper border, higher laterally',
      'Large effusions: homogeneous opacity, loss of the hemidiaphragm, mediastinal shift away',
      'Subpulmonic effusion: apparent high hemidiaphragm with its peak shifted laterally',
    ],
    differential: [
      'Heart failure (often bilateral, right larger)',
      'Parapneumonic effusion or empyema',
      'Malignancy',
      'Pulmonary embolism',
      'Haemothorax after trauma',
    ],
    pitfalls: [
      'Supine films: fluid layers posteriorly as a hazy veil with vessels still visible, without a meniscus',
      'Pleural thickening also blunts the angle: compare with prior films or ultrasound',
      'Check the other side and the heart: bilateral effusions with cardiomegaly suggest failure',
    ],
    sources: [FELSON, 'Roberts ME et al. British Thoracic Society Guideline for pleural disease. Thorax 2023;78(Suppl 3):s1–s42.'],
  },
  pneumothorax: {
    title: 'Pneumothorax',
    what: 'Air in the pleural space.',
    signs: [
      'A thin, sharp white visceral pleural line with no lung markings beyond it',
      'Usually apical and lateral on an upright film',
      'Supine films: a deep, lucent costophrenic sulcus (deep sulcus sign)',
      'Tension: mediastinal shift away, flattened or inverted hemidiaphragm — a clinical emergency',
    ],
    differential: ['Skin fold', 'Bulla (no pleural line; concave margin)', 'Medial border of the scapula', 'Clothing or sheet edges'],
    pitfalls: [
      'Skin folds run beyond the chest wall and fade rather than ending in a sharp line; lung markings continue past them',
      'Small apical pneumothoraces hide behind ribs and clavicles: look along each rib',
      'Size by the interpleural distance at the hilum (BTS: over 2 cm is large)',
    ],
    sources: [
      'MacDuff A et al. Management of spontaneous pneumothorax: British Thoracic Society pleural disease guideline 2010. ' +
        'Thorax 2010;65(Suppl 2):ii18–ii31.',
      FELSON,
    ],
  },
  consolidation: {
    title: 'Consolidation',
    what: 'Alveolar air replaced by fluid, cells or other material, making the lung opaque.',
    signs: [
      'Homogeneous opacity that obscures the vessels',
      'Air bronchograms: branching lucent bronchi within the opacity',
      'Silhouette sign: a lost heart or diaphragm border places it (right heart border: middle lobe; left heart border: lingula)',
      'Volume usually preserved, unlike atelectasis',
    ],
    differential: [
      'Pneumonia',
      'Pulmonary oedema',
      'Haemorrhage',
      'Aspiration',
      'Organising pneumonia',
      'Invasive mucinous adenocarcinoma or lymphoma when persistent',
    ],
    pitfalls: [
      'Lower lobe consolidation behind the heart is easily missed: look through the heart for the descending aorta and the diaphragm',
      'Consolidation that does not clear in 6–8 weeks needs follow-up to exclude an underlying tumour',
    ],
    sources: [FLEISCHNER_GLOSSARY, FELSON],
  },
  atelectasis: {
    title: 'Atelectasis',
    what: 'Reduced inflation of all or part of the lung.',
    signs: [
      'Direct signs: displaced fissures, crowded vessels and bronchi',
      'Indirect signs: raised hemidiaphragm, shift of the mediastinum or hilum toward the affected side, narrowed rib spaces',
      'Plate-like (discoid) linear opacities, often at the bases after surgery or with poor inspiration',
      'Lobar collapse patterns: e.g. left lower lobe collapse as a triangle behind the heart (sail sign)',
    ],
    differential: [
      'Obstruction (mucus plug, tumour, foreign body)',
      'Passive atelectasis next to an effusion or pneumothorax',
      'Post-operative or poor inspiration',
      'Scarring (cicatricial)',
    ],
    pitfalls: [
      'Telling it from consolidation: volume loss points to atelectasis; the two often coexist',
      'Lobar collapse in an adult with no obvious cause needs a central obstructing lesion excluded',
    ],
    sources: [
      FLEISCHNER_GLOSSARY,
      'Woodring JH, Reed JC. Types and mechanisms of pulmonary atelectasis. J Thorac Imaging 1996;11(2):92–108.',
      FELSON,
    ],
  },
  cardiomegaly: {
    title: 'Cardiomegaly',
    what: 'An enlarged cardiac silhouette.',
    signs: [
      'Cardiothoracic ratio over 0.5 on a PA film: widest transverse heart diameter over the widest inner diameter of the thorax',
      'Measure the heart from the midline to its right and left borders, the thorax at the inner rib margins above the diaphragms',
      'Look for what goes with it: upper lobe venous diversion, interstitial oedema, effusions (heart failure)',
    ],
    differential: [
      'Cardiac chamber enlargement (failure, cardiomyopathy, valve disease)',
      'Pericardial effusion (globular heart)',
      'Mediastinal or epicardial fat pad',
    ],
    pitfalls: [
      'AP and supine films magnify the heart: do not call cardiomegaly on them by the 0.5 rule alone',
      'Poor inspiration and a depressed sternum (pectus excavatum) make the heart look wider',
      'A large pericardial fat pad at the cardiophrenic angle can mimic enlargement',
    ],
    sources: ['Danzer CS. The cardiothoracic ratio: an index of cardiac enlargement. Am J Med Sci 1919;157:513–521.', FELSON],
  },
  endotracheal_tube: {
    title: 'Endotracheal tube',
    what: 'A tube in the trachea for ventilation; its tip position is what the report must state.',
    signs: [
      'Tip about 5 ± 2 cm above the carina with the head in neutral position (in the mid-trachea, below the clavicular heads)',
      'Neck flexion moves the tip down about 2 cm, extension up about 2 cm',
    ],
    differential: [
      'Oesophageal intubation (tube outside the tracheal air column, gastric distension)',
      'Tracheostomy tube',
      'Nasogastric tube in the trachea',
    ],
    pitfalls: [
      'Tip too low enters the right main bronchus: left lung collapse, right hyperinflation',
      'Tip too high risks extubation and vocal cord injury',
      'Always measure to the carina and say the distance in the report',
    ],
    sources: ['Goodman LR et al. Radiographic evaluation of endotracheal tube position. AJR 1976;127(3):433–434.', ICU_DEVICES],
  },
  central_line: {
    title: 'Central venous catheter',
    what: 'A catheter whose tip should lie in a large central vein.',
    signs: [
      'Tip at the cavoatrial junction or in the lower superior vena cava: roughly at or just below the carina on a frontal film',
      'Follow the whole course from the insertion site (jugular, subclavian, arm) to the tip',
      'After insertion, look for a pneumothorax and haematoma',
    ],
    differential: [
      'Arterial placement (course lateral or left of the expected vein)',
      'Tip in the right atrium, azygos vein or a neck vein',
      'Pacing wires or other tubes',
    ],
    pitfalls: [
      'A left-sided line running down the left of the mediastinum may be in a persistent left superior vena cava, or be arterial',
      'Tips pointing into a vessel wall or coiled need repositioning',
      'Report a pneumothorax after any subclavian or jugular line',
    ],
    sources: [ICU_DEVICES],
  },
  pacemaker: {
    title: 'Cardiac pacemaker',
    what: 'A pulse generator, usually in the left infraclavicular chest wall, with leads into the heart.',
    signs: [
      'Generator over the upper chest; leads through the subclavian vein to the right atrium and/or right ventricle apex ' +
        '(and the coronary sinus for biventricular pacing)',
      'Count the leads and follow each to its tip',
    ],
    differential: [
      'Implantable cardioverter-defibrillator (thick shocking coils on the lead)',
      'Loop recorder (small, no leads)',
      'Neurostimulators',
    ],
    pitfalls: [
      'Lead fracture or dislodgement: compare lead positions with prior films',
      'Twiddler syndrome: leads coiled around the generator',
      'A lead tip beyond the heart border suggests perforation',
    ],
    sources: [
      'Aguilera AL et al. Radiography of cardiac conduction devices: a comprehensive review. RadioGraphics 2011;31(6):1669–1682.',
      ICU_DEVICES,
    ],
  },
};
